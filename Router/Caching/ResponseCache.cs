using HybridInference.Contracts.Configuration;
using HybridInference.Router.Observability;
using HybridInference.Router.Requests;
using HybridInference.Router.Routing;
using HybridInference.Router.Targets;

namespace HybridInference.Router.Caching;

/// <summary>
/// The response cache on the request path: decides whether a request's answer may come from (and go to) the cache,
/// answers hits with a fresh id, and keeps answers that came back whole.
/// </summary>
internal sealed class ResponseCache(IResponseStore store, RouterTelemetry telemetry)
{
    /// <summary>Request header: <c>use</c> caches an answer that is not reproducible by itself, <c>bypass</c> skips the cache.</summary>
    public const string Header = "x-hybrid-cache";

    /// <summary>
    /// The key for a request whose answer may be cached: the cache is on, the caller did not bypass it, no tools are
    /// offered, and the answer is reproducible (<c>temperature</c> 0 or a <c>seed</c>) or the caller asked for caching.
    /// </summary>
    public static string? KeyFor(HttpContext context, ResponseCacheConfig config, AdmittedRequest request, RequestBody body, RoutePlan plan)
    {
        if (!config.Enabled || body.HasTools || plan.Candidates.Length == 0)
        {
            return null;
        }
        var asked = context.Request.Headers[Header].ToString();
        if (asked.Equals("bypass", StringComparison.OrdinalIgnoreCase) || (!body.Reproducible && !asked.Equals("use", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        return ResponseCacheKey.Compute(request.Key.CustomerId, plan.Candidates[0].Id, body);
    }

    /// <summary>Answers from the cache when it holds the request's answer; false on a miss (nothing written).</summary>
    public async ValueTask<bool> TryAnswerAsync(HttpContext context, ProxyExchange exchange)
    {
        var cached = await store.GetAsync(exchange.CacheKey!);
        telemetry.CacheLookups.Add(1, new KeyValuePair<string, object?>("outcome", cached is null ? "miss" : "hit"));
        if (cached is null)
        {
            return false;
        }
        exchange.CacheHit = new CacheHit(cached.ServedModel, exchange.CacheConfig.HitPrice);
        exchange.Status = StatusCodes.Status200OK;
        exchange.Facts.PromptTokens = cached.PromptTokens;
        exchange.Facts.CompletionTokens = cached.CompletionTokens;
        await CacheReplay.WriteAsync(context, exchange, cached);
        return true;
    }

    /// <summary>
    /// Keeps the answer of a cacheable request that <paramref name="served"/> delivered whole (a stream up to its
    /// <c>[DONE]</c> or terminal event): called the moment it is whole, before the client has its last bytes, so a
    /// client that repeats the request as soon as it has its answer finds it cached.
    /// </summary>
    public void Keep(ProxyExchange exchange, Attempt served, ResponseFacts facts)
    {
        if (exchange.CacheKey is not { } key || facts.SawToolCalls || facts.Failed || facts.Capture is not { Overflowed: false } capture || capture.Bytes.IsEmpty
            || (exchange.Body.Stream && (!facts.SawDone || facts.Broken)))
        {
            return;
        }
        var config = exchange.CacheConfig;
        store.Set(key, new CachedResponse(served.Model.Id, facts.Id, exchange.Body.Stream, facts.PromptTokens ?? 0, facts.CompletionTokens ?? 0,
            capture.Bytes.ToArray()), TimeSpan.FromSeconds(config.TtlSeconds), config.MaxEntries);
        telemetry.CacheStores.Add(1);
    }
}
