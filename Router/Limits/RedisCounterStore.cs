using HybridInference.Router.Changes;
using StackExchange.Redis;

namespace HybridInference.Router.Limits;

/// <summary>
/// Counters in Redis, so every Router replica enforces one limit; falls back to <see cref="InProcessCounterStore"/>
/// for a call when Redis is absent or unreachable.
/// </summary>
internal sealed partial class RedisCounterStore(RedisConnection redis, InProcessCounterStore local, ILogger<RedisCounterStore> logger) : ICounterStore
{
    // Check and add in one step, so concurrent requests on any replica cannot overshoot the limit.
    private const string TryAddScript = """
        local v = redis.call('GET', KEYS[1])
        if not v then
          redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
          v = ARGV[3]
        end
        local n = tonumber(v) + tonumber(ARGV[1])
        if tonumber(ARGV[1]) > 0 and n > tonumber(ARGV[2]) then
          return {0, tonumber(v)}
        end
        redis.call('INCRBY', KEYS[1], ARGV[1])
        return {1, n}
        """;

    private const string AddScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          redis.call('SET', KEYS[1], 0, 'PX', ARGV[2])
        end
        return redis.call('INCRBY', KEYS[1], ARGV[1])
        """;

    /// <summary>Whether the last call reached Redis (false: counters are per replica right now).</summary>
    public bool Shared { get; private set; } = redis.IsConfigured;

    public async ValueTask<(bool Added, long Value)> TryAddAsync(string key, long amount, long limit, TimeSpan ttl, long seed = 0)
    {
        if (redis.Database is { } database)
        {
            try
            {
                var result = (RedisResult[])(await database.ScriptEvaluateAsync(TryAddScript, [Prefix(key)],
                    [amount, limit, seed, (long)ttl.TotalMilliseconds]))!;
                Shared = true;
                return ((long)result[0] == 1, (long)result[1]);
            }
            catch (RedisException ex)
            {
                Unreachable(ex);
            }
        }
        return await local.TryAddAsync(key, amount, limit, ttl, seed);
    }

    public async ValueTask AddAsync(string key, long amount, TimeSpan ttl)
    {
        if (redis.Database is { } database)
        {
            try
            {
                await database.ScriptEvaluateAsync(AddScript, [Prefix(key)], [amount, (long)ttl.TotalMilliseconds]);
                Shared = true;
                return;
            }
            catch (RedisException ex)
            {
                Unreachable(ex);
            }
        }
        await local.AddAsync(key, amount, ttl);
    }

    private static RedisKey Prefix(string key) => "hybrid:router:" + key;

    private void Unreachable(RedisException ex)
    {
        if (Shared)
        {
            Shared = false;
            Log.Unreachable(logger, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable, limits are per replica until it is back: {Reason}")]
        public static partial void Unreachable(ILogger logger, string reason);
    }
}
