using HybridInference.Router.Changes;
using StackExchange.Redis;

namespace HybridInference.Router.Caching;

/// <summary>
/// Answers in Redis under their key with the config's TTL, shared by every replica; without a Redis connection string
/// the process's own LRU serves. While a configured Redis is unreachable every lookup is a miss (nothing waits on it).
/// </summary>
internal sealed partial class RedisResponseStore(RedisConnection redis, InProcessResponseStore local, ILogger<RedisResponseStore> logger) : IResponseStore
{
    public async ValueTask<CachedResponse?> GetAsync(string key)
    {
        if (!redis.IsConfigured)
        {
            return await local.GetAsync(key);
        }
        if (!redis.IsConnected)
        {
            return null;
        }
        try
        {
            var value = await redis.Database!.StringGetAsync(key);
            return value.HasValue ? CachedResponse.FromBytes((byte[])value!) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.LookupFailed(logger, ex.Message);
            return null;
        }
    }

    public void Set(string key, CachedResponse response, TimeSpan ttl, int maxEntries)
    {
        if (!redis.IsConfigured)
        {
            local.Set(key, response, ttl, maxEntries);
            return;
        }
        if (redis.IsConnected)
        {
            // Redis bounds its memory by its own eviction policy; the TTL bounds staleness.
            _ = redis.Database!.StringSetAsync(key, response.ToBytes(), ttl, flags: CommandFlags.FireAndForget);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Response cache lookup in Redis failed, served as a miss: {Reason}")]
        public static partial void LookupFailed(ILogger logger, string reason);
    }
}
