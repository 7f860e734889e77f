namespace HybridInference.Router.Caching;

/// <summary>Where cached answers live: Redis (shared by replicas) or the process.</summary>
internal interface IResponseStore
{
    ValueTask<CachedResponse?> GetAsync(string key);

    void Set(string key, CachedResponse response, TimeSpan ttl, int maxEntries);
}
