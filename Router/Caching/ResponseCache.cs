using HybridInference.Contracts.Configuration;
using HybridInference.Router.Observability;
using HybridInference.Router.Requests;
using HybridInference.Router.Routing;

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
    public async ValueTask<bool> TryAnswerAsync(HttpContext context, ProxyExchange exchange, decimal hitPrice)
    {
        var cached = await store.GetAsync(exchange.CacheKey!);
        telemetry.CacheLookups.Add(1, new KeyValuePair<string, object?>("outcome", cached is null ? "miss" : "hit"));
        if (cached is null)
        {
            return false;
        }
        exchange.CacheHit = new CacheHit(cached.ServedModel, hitPrice);
        exchange.Status = StatusCodes.Status200OK;
        exchange.Facts.PromptTokens = cached.PromptTokens;
        exchange.Facts.CompletionTokens = cached.CompletionTokens;
        await CacheReplay.WriteAsync(context, exchange, cached);
        return true;
    }

    /// <summary>Keeps the answer of a cacheable request that was served whole by one backend.</summary>
    public void Keep(ProxyExchange exchange, ResponseCacheConfig config)
    {
        var facts = exchange.Facts;
        if (exchange.CacheKey is not { } key || exchange.CacheHit is not null || exchange.Served is not { } served
            || exchange.Status != StatusCodes.Status200OK || exchange.Continued || facts.SawToolCalls
            || facts.Capture is not { Overflowed: false } capture || capture.Bytes.IsEmpty
            || (exchange.Body.Stream && (!facts.SawDone || facts.Broken)))
        {
            return;
        }
        store.Set(key, new CachedResponse(served.Model.Id, facts.Id, exchange.Body.Stream, facts.PromptTokens ?? 0, facts.CompletionTokens ?? 0,
            capture.Bytes.ToArray()), TimeSpan.FromSeconds(config.TtlSeconds), config.MaxEntries);
        telemetry.CacheStores.Add(1);
    }
}
