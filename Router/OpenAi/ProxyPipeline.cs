using System.Diagnostics;
using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;
using HybridInference.Contracts.OpenAi;
using HybridInference.Router.Caching;
using HybridInference.Router.Configuration;
using HybridInference.Router.Forwarding;
using HybridInference.Router.Keys;
using HybridInference.Router.Limits;
using HybridInference.Router.Metering;
using HybridInference.Router.Observability;
using HybridInference.Router.Requests;
using HybridInference.Router.Routing;
using Microsoft.Extensions.Options;
using HybridInference.Router.Targets;

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
    ResponseCache cache,
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
            await OpenAiErrors.WriteAsync(context, OpenAiErrors.RateLimited("The service is receiving too many requests; slow down.", "rate_limit_exceeded", edgeRetry));
            return;
        }

        KeyPolicy policy;
        using (RouterTelemetry.Source.StartActivity("auth"))
        {
            var check = await keys.AuthenticateAsync(context);
            if (check.Policy is null)
            {
                await OpenAiErrors.WriteAsync(context, check.Refusal!);
                return;
            }
            policy = check.Policy;
        }

        // From here on the request belongs to a key: it gets an id, and a usage record even when refused.
        var now = time.GetUtcNow();
        var request = new AdmittedRequest(RequestIds.Next(now), startedAt, now, policy, api);
        context.Response.Headers["x-request-id"] = request.Id;
        var (buffer, refusal) = await RequestBuffer.ReadAsync(context, _maxBodyBytes);
        if (buffer is null)
        {
            if (refusal is not null)
            {
                await RefuseAsync(context, request, null, refusal);
            }
            return;
        }
        using (buffer)
        {
            await HandleBodyAsync(context, request, buffer.Bytes);
        }
    }

    private async Task HandleBodyAsync(HttpContext context, AdmittedRequest request, ArraySegment<byte> buffer)
    {
        using var body = RequestBody.Parse(buffer, request.Api, out var error, out var param);
        if (body is null)
        {
            await RefuseAsync(context, request, null, Refusal.BadRequest(error!, param));
            return;
        }
        var (exchange, refusal, stopped) = await PrepareAsync(context, request, body);
        if (exchange is null)
        {
            await RefuseAsync(context, request, body.Model, refusal!, stopped);
            return;
        }
        try
        {
            if (exchange.CacheKey is null || !await cache.TryAnswerAsync(context, exchange))
            {
                await forwarder.ForwardAsync(context, exchange);
            }
        }
        finally
        {
            await meter.CompleteAsync(exchange);
            exchange.Plan.RemoteBody?.Dispose();
        }
    }

    /// <summary>The one place a request the Router answers itself is written (OpenAI's shape) and metered.</summary>
    /// <param name="stopped">The plan the guard refused, for the decision feed; null for other refusals.</param>
    private Task RefuseAsync(HttpContext context, AdmittedRequest request, string? model, Refusal refusal, RoutePlan? stopped = null)
    {
        meter.Refused(request, model, refusal.Status, stopped);
        return OpenAiErrors.WriteAsync(context, refusal);
    }

    /// <summary>
    /// Resolves the model (guard included) and takes the key's limits, or says why the request is refused (with the plan
    /// when it was the guard that refused).
    /// </summary>
    private async ValueTask<(ProxyExchange? Exchange, Refusal? Refusal, RoutePlan? Stopped)> PrepareAsync(HttpContext context, AdmittedRequest request, RequestBody body)
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
                return (null, OpenAiErrors.ModelNotFound(body.Model), null);
            }
            if (!policy.Allows(body.Model))
            {
                return (null, OpenAiErrors.Forbidden(body.Model), null);
            }
            if (api == ApiKind.Embeddings && body.Model == RouterConfigValidator.AutoModel)
            {
                return (null, Refusal.BadRequest("'auto' routes chat and completion requests; name an embedding model.", "model"), null);
            }
            var outcome = await resolver.ResolveAsync(table, body, api, policy, context.RequestAborted);
            if (outcome.Refusal is not null)
            {
                return (null, outcome.Refusal, outcome.Plan);
            }
            plan = outcome.Plan;
            if (plan.Category is { } category)
            {
                route?.SetTag("hybrid.category", category);
            }
            if (!Serves(plan.Candidates, api))
            {
                return (null, Refusal.BadRequest($"The model '{body.Model}' does not serve this API.", "model", "model_not_supported"), null);
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
                return (null, limits.Refusal(), null);
            }
        }

        return (new ProxyExchange
        {
            RequestId = request.Id,
            StartedAt = request.StartedAt,
            ReceivedAt = request.ReceivedAt,
            Key = policy,
            Api = api,
            Body = body,
            Plan = plan,
            Limits = limits,
            CacheKey = ResponseCache.KeyFor(context, table.Config.Cache, request, body, plan),
            CacheConfig = table.Config.Cache,
        }, null, null);
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
