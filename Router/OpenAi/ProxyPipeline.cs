using System.Buffers;
using System.Diagnostics;
using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;
using HybridInference.Contracts.OpenAi;
using HybridInference.Router.Configuration;
using HybridInference.Router.Forwarding;
using HybridInference.Router.Keys;
using HybridInference.Router.Limits;
using HybridInference.Router.Metering;
using HybridInference.Router.Observability;
using HybridInference.Router.Requests;
using HybridInference.Router.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.OpenAi;

/// <summary>
/// The request path of the OpenAI APIs: edge limit, key, body, model resolution (with <c>auto</c>), key limits and
/// reservations, forwarding, metering. Each refusal is answered in OpenAI's error shape.
/// </summary>
internal sealed class ProxyPipeline(
    EdgeRateLimiter edge,
    KeyAuthenticator keys,
    RouterConfigStore config,
    RouteResolver resolver,
    KeyLimiter limiter,
    RequestForwarder forwarder,
    UsageMeter meter,
    RouterTelemetry telemetry,
    IOptions<RouterOptions> options,
    TimeProvider time)
{
    private readonly int _maxBodyBytes = options.Value.MaxBodyBytes;

    public async Task HandleAsync(HttpContext context, ApiKind api)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var (admitted, edgeRetry) = await edge.TryAcquireAsync();
        if (!admitted)
        {
            telemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("limit", "edge"));
            await OpenAiErrors.RateLimited(context, "The service is receiving too many requests; slow down.", "rate_limit_exceeded", edgeRetry);
            return;
        }

        KeyPolicy policy;
        using (RouterTelemetry.Source.StartActivity("auth"))
        {
            var check = await keys.AuthenticateAsync(context);
            if (check.Policy is null)
            {
                await (check.IsUnavailable
                    ? OpenAiErrors.ServiceUnavailable(context, check.Error!, check.Code!)
                    : OpenAiErrors.Unauthorized(context, check.Error!, check.Code!));
                return;
            }
            policy = check.Policy;
        }

        // From here on the request belongs to a key: it gets an id, and a usage record even when refused.
        var now = time.GetUtcNow();
        var request = new AdmittedRequest(RequestIds.Next(now), startedAt, now, policy, api);
        context.Response.Headers["x-request-id"] = request.Id;
        var buffer = await ReadBodyAsync(context);
        if (buffer is null)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                meter.Refused(request, null, context.Response.StatusCode);
            }
            return;
        }
        try
        {
            await HandleBodyAsync(context, request, buffer.Value);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer.Value.Array!);
        }
    }

    private async Task HandleBodyAsync(HttpContext context, AdmittedRequest request, ArraySegment<byte> buffer)
    {
        var body = RequestBody.Parse(buffer, request.Api, out var error, out var param);
        if (body is null)
        {
            await OpenAiErrors.BadRequest(context, error!, param);
            meter.Refused(request, null, context.Response.StatusCode);
            return;
        }
        if (await PrepareAsync(context, request, body) is not { } exchange)
        {
            meter.Refused(request, body.Model, context.Response.StatusCode);
            return;
        }
        try
        {
            await forwarder.ForwardAsync(context, exchange);
        }
        finally
        {
            await meter.CompleteAsync(exchange);
        }
    }

    /// <summary>Resolves the model and takes the key's limits; null when the request was refused (the answer is written).</summary>
    private async Task<ProxyExchange?> PrepareAsync(HttpContext context, AdmittedRequest request, RequestBody body)
    {
        var (api, policy) = (request.Api, request.Key);
        var table = config.Current;
        RoutePlan plan;
        using (var route = RouterTelemetry.Source.StartActivity("route"))
        {
            // The request id ties the trace to the usage record and the x-request-id the client got.
            route?.SetTag("hybrid.request_id", request.Id);
            route?.SetTag("hybrid.requested_model", body.Model);
            if (!table.IsKnown(body.Model))
            {
                await OpenAiErrors.ModelNotFound(context, body.Model);
                return null;
            }
            if (!IsAllowed(policy, body.Model))
            {
                await OpenAiErrors.Forbidden(context, body.Model);
                return null;
            }
            if (body.Model == RouterConfigValidator.AutoModel)
            {
                if (api == ApiKind.Embeddings)
                {
                    await OpenAiErrors.BadRequest(context, "'auto' routes chat and completion requests; name an embedding model.", "model");
                    return null;
                }
                var outcome = await resolver.ResolveAutoAsync(table, body, api, context.RequestAborted);
                if (outcome.Plan is null)
                {
                    await OpenAiErrors.BadRequest(context, outcome.Refusal!, code: "content_policy_violation");
                    return null;
                }
                plan = outcome.Plan;
                route?.SetTag("hybrid.category", plan.Category);
            }
            else
            {
                plan = RoutePlan.Direct(table.Candidates(body.Model)!);
            }
            if (!Serves(plan.Candidates, api))
            {
                await OpenAiErrors.BadRequest(context, $"The model '{body.Model}' does not serve this API.", "model", "model_not_supported");
                return null;
            }
        }

        LimitDecision? limits = null;
        if (KeyLimiter.HasLimits(policy))
        {
            var (tokens, cost) = WorstCase(body, plan.Candidates);
            limits = await limiter.AcquireAsync(policy, tokens, cost);
            if (limits.Refused != LimitKind.None)
            {
                telemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("limit", limits.Refused.ToString()));
                limits.WriteHeaders(context.Response.Headers);
                var (message, code) = limits.Refused switch
                {
                    LimitKind.Requests => ("Rate limit reached for requests per minute.", "rate_limit_exceeded"),
                    LimitKind.Tokens => ("Rate limit reached for tokens per minute.", "rate_limit_exceeded"),
                    _ => ("Monthly budget of this API key exhausted.", "insufficient_quota"),
                };
                await OpenAiErrors.RateLimited(context, message, code, limits.RetryAfter);
                return null;
            }
        }

        return new ProxyExchange
        {
            RequestId = request.Id,
            StartedAt = request.StartedAt,
            ReceivedAt = request.ReceivedAt,
            Key = policy,
            Api = api,
            Body = body,
            Plan = plan,
            Limits = limits,
        };
    }

    private async Task<ArraySegment<byte>?> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > _maxBodyBytes)
        {
            await OpenAiErrors.TooLarge(context, _maxBodyBytes);
            return null;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // The Router enforces its own (OpenAI-shaped) limit below.
            sizeFeature.MaxRequestBodySize = null;
        }
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, _maxBodyBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > _maxBodyBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        await OpenAiErrors.TooLarge(context, _maxBodyBytes);
                        return null;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }
                length += read;
                if (length > _maxBodyBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    await OpenAiErrors.TooLarge(context, _maxBodyBytes);
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // Truncated or aborted upload.
            ArrayPool<byte>.Shared.Return(buffer);
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await OpenAiErrors.BadRequest(context, "The request body could not be read completely.");
            }
            return null;
        }
        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await OpenAiErrors.BadRequest(context, "The request body is empty; send a JSON object.");
            return null;
        }
        return new ArraySegment<byte>(buffer, 0, length);
    }

    private static bool IsAllowed(KeyPolicy policy, string model)
    {
        var allowed = policy.AllowedModels;
        if (allowed.Count == 0)
        {
            return true;
        }
        for (var i = 0; i < allowed.Count; i++)
        {
            if (allowed[i] == model || allowed[i] == "*")
            {
                return true;
            }
        }
        return false;
    }

    private static bool Serves(ModelEntry[] candidates, ApiKind api)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Serves(api))
            {
                return true;
            }
        }
        return false;
    }

    // The most the request could cost: every prompt byte a token, the full output cap, at the dearest candidate's prices.
    private static (long Tokens, decimal Cost) WorstCase(RequestBody body, ModelEntry[] candidates)
    {
        long worstTokens = 0;
        decimal worstCost = 0;
        foreach (var candidate in candidates)
        {
            var model = candidate.Config;
            long output = model.Kind == "embedding" ? 0 : body.MaxTokens ?? model.MaxOutputLength;
            var tokens = body.PromptBytes + output * body.Choices;
            var cost = body.PromptBytes * model.Pricing.Prompt + output * body.Choices * model.Pricing.Completion + model.Pricing.Request;
            worstTokens = Math.Max(worstTokens, tokens);
            worstCost = Math.Max(worstCost, cost);
        }
        return (worstTokens, worstCost);
    }
}
