using System.Diagnostics;
using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Usage;
using HybridInference.Router.Requests;
using HybridInference.Router.Classification;
using HybridInference.Router.Limits;
using HybridInference.Router.Observability;
using HybridInference.Router.Routing;

namespace HybridInference.Router.Metering;

/// <summary>
/// Closes a request's books: tokens (from usage, else counted), cost, the limit reservation settled, metrics,
/// the usage record queued for Control and the decision added to the recent feed.
/// </summary>
internal sealed class UsageMeter(
    UsageShipper shipper, TokenCounter tokens, KeyLimiter limiter, RecentDecisions recent, RouterTelemetry telemetry)
{
    /// <summary>The model name of a refused request whose body named none.</summary>
    public const string NoModel = "(none)";


    public async ValueTask CompleteAsync(ProxyExchange exchange)
    {
        var latency = Stopwatch.GetElapsedTime(exchange.StartedAt).TotalMilliseconds;
        var facts = exchange.Facts;
        var served = exchange.Served;
        var succeeded = exchange.Status is >= 200 and < 400 || exchange.Continued;
        int prompt = 0, completion = 0;
        if (succeeded || facts.Text.Length > 0)
        {
            prompt = !exchange.Continued && facts.PromptTokens is { } reported ? reported : await CountPromptAsync(exchange);
            completion = exchange.Api == ApiKind.Embeddings ? 0
                : exchange.ContinuedCompletionTokens + (facts.CompletionTokens ?? await tokens.CountAsync(facts.Text.ToString(exchange.PrefixLength, facts.Text.Length - exchange.PrefixLength)));
        }
        var pricing = served?.Model.Config.Pricing;
        var cost = exchange.CacheHit is { } hit ? hit.Price
            : pricing is null || prompt + completion == 0 ? 0m : prompt * pricing.Prompt + completion * pricing.Completion + pricing.Request;
        if (exchange.Limits is { } limits)
        {
            await limiter.SettleAsync(limits, prompt + completion, cost);
        }
        double? ttft = exchange.Body.Stream && facts.FirstByteAt != 0 ? Stopwatch.GetElapsedTime(exchange.StartedAt, facts.FirstByteAt).TotalMilliseconds : null;
        var servedModel = exchange.CacheHit?.Model ?? served?.Model.Id;
        var backend = exchange.CacheHit is null ? served?.Backend.Name : CacheHit.Backend;

        var tags = new TagList
        {
            { "status", exchange.Status }, { "model", servedModel }, { "backend", backend },
            { "locality", served?.Backend.Config.Locality switch { BackendLocality.Remote => "remote", null => null, _ => "local" } }, { "category", exchange.Plan.Category },
        };
        telemetry.Requests.Add(1, tags);
        telemetry.Duration.Record(latency, tags);
        telemetry.Overhead.Record(exchange.OverheadMs);
        if (ttft is { } firstToken)
        {
            telemetry.TimeToFirstToken.Record(firstToken, new KeyValuePair<string, object?>("model", servedModel));
        }
        telemetry.Tokens.Add(prompt, new KeyValuePair<string, object?>("direction", "prompt"), new KeyValuePair<string, object?>("model", servedModel));
        telemetry.Tokens.Add(completion, new KeyValuePair<string, object?>("direction", "completion"), new KeyValuePair<string, object?>("model", servedModel));
        telemetry.Cost.Add((double)cost, new KeyValuePair<string, object?>("model", servedModel));

        shipper.Enqueue(new UsageRecord
        {
            RequestId = exchange.RequestId,
            Timestamp = exchange.ReceivedAt,
            KeyId = exchange.Key.KeyId,
            CustomerId = exchange.Key.CustomerId,
            RequestedModel = exchange.Body.Model,
            ServedModel = servedModel ?? exchange.Body.Model,
            Backend = backend,
            Category = exchange.Plan.Category,
            Endpoint = EndpointName(exchange.Api),
            PromptTokens = prompt,
            CompletionTokens = completion,
            LatencyMs = latency,
            TimeToFirstTokenMs = ttft,
            Status = exchange.Status,
            FallbackCount = exchange.FallbackCount,
            Stream = exchange.Body.Stream,
            CacheHit = exchange.CacheHit is not null,
            Guard = exchange.Plan.Guard is GuardVerdict.Unchecked or GuardVerdict.Flagged ? exchange.Plan.Guard.Value.Name() : null,
        });
        recent.Add(new RoutingDecision(exchange.RequestId, exchange.ReceivedAt, exchange.Key.CustomerId, exchange.Body.Model, servedModel, backend,
            exchange.Plan.Category, exchange.Status, exchange.FallbackCount, exchange.Spillover, exchange.Continued, exchange.Plan.LocalOnly,
            exchange.Plan.Flagged, latency, exchange.OverheadMs)
        {
            PromptTokens = prompt, CompletionTokens = completion, TimeToFirstTokenMs = ttft,
        }.Complete(exchange.Key.KeyId, exchange.Plan));
    }

    /// <summary>
    /// Books a request refused before any backend was asked (bad body, unknown or forbidden model, content policy,
    /// limits): no tokens, no cost, the status it got. Listed under the model asked for, or a placeholder when the body
    /// named none. A refusal by the guard (<paramref name="stopped"/> the plan it stopped) also joins the decision feed.
    /// </summary>
    public void Refused(AdmittedRequest request, string? requestedModel, int status, RoutePlan? stopped = null)
    {
        var model = string.IsNullOrEmpty(requestedModel) ? NoModel : requestedModel[..Math.Min(requestedModel.Length, UsageRecord.MaxModelLength)];
        var latency = Stopwatch.GetElapsedTime(request.StartedAt).TotalMilliseconds;
        telemetry.Requests.Add(1, new KeyValuePair<string, object?>("status", status));
        shipper.Enqueue(new UsageRecord
        {
            RequestId = request.Id,
            Timestamp = request.ReceivedAt,
            KeyId = request.Key.KeyId,
            CustomerId = request.Key.CustomerId,
            RequestedModel = model,
            ServedModel = model,
            Endpoint = EndpointName(request.Api),
            LatencyMs = latency,
            Status = status,
        });
        if (stopped is not null)
        {
            recent.Add(new RoutingDecision(request.Id, request.ReceivedAt, request.Key.CustomerId, model, null, null, stopped.Category, status,
                0, false, false, stopped.LocalOnly, false, latency, 0).Complete(request.Key.KeyId, stopped));
        }
    }

    private static string EndpointName(ApiKind api) => api switch
    {
        ApiKind.ChatCompletions => "chat.completions",
        ApiKind.Completions => "completions",
        ApiKind.Responses => "responses",
        _ => "embeddings",
    };

    private async ValueTask<int> CountPromptAsync(ProxyExchange exchange)
    {
        var total = 0;
        foreach (var text in PromptTexts.Extract(exchange.Body).Texts)
        {
            total += await tokens.CountAsync(text);
        }
        return total;
    }
}
