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

    // A token bucket on Redis's clock, so replicas with skewed clocks still share one rate.
    private const string TakeScript = """
        local rate, burst, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = time[1] * 1000 + math.floor(time[2] / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or burst
        local at = tonumber(state[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
        local taken = math.min(want, math.floor(tokens))
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - taken), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
        if taken > 0 then
          return {taken, 0}
        end
        return {0, math.ceil((1 - tokens) * 1000 / rate)}
        """;

    /// <summary>Whether the last call reached Redis (false: counters are per replica right now).</summary>
    public bool Shared { get; private set; } = redis.IsConfigured;

    public async ValueTask<(bool Added, long Value)> TryAddAsync(string key, long amount, long limit, TimeSpan ttl, long seed = 0)
    {
        if (await EvaluateAsync(TryAddScript, key, [amount, limit, seed, (long)ttl.TotalMilliseconds]) is { } result)
        {
            var values = (RedisResult[])result!;
            return ((long)values[0] == 1, (long)values[1]);
        }
        return await local.TryAddAsync(key, amount, limit, ttl, seed);
    }

    public async ValueTask AddAsync(string key, long amount, TimeSpan ttl)
    {
        if (await EvaluateAsync(AddScript, key, [amount, (long)ttl.TotalMilliseconds]) is null)
        {
            await local.AddAsync(key, amount, ttl);
        }
    }

    public async ValueTask<(long Taken, TimeSpan RetryAfter)> TakeAsync(string bucket, long want, double perSecond, long burst)
    {
        if (await EvaluateAsync(TakeScript, bucket, [perSecond, burst, want]) is { } result)
        {
            var values = (RedisResult[])result!;
            return ((long)values[0], TimeSpan.FromMilliseconds((long)values[1]));
        }
        return await local.TakeAsync(bucket, want, perSecond, burst);
    }

    /// <summary>The script's result, or null when Redis is absent or unreachable and the caller counts in process.</summary>
    private async ValueTask<RedisResult?> EvaluateAsync(string script, string key, RedisValue[] args)
    {
        if (redis.Database is not { } database)
        {
            return null;
        }
        // While the connection is down a command would wait in its backlog for the whole timeout: go local at once.
        if (!redis.IsConnected)
        {
            Unreachable("not connected");
            return null;
        }
        try
        {
            var result = await database.ScriptEvaluateAsync(script, ["hybrid:router:" + key], args);
            Shared = true;
            return result;
        }
        catch (RedisException ex)
        {
            Unreachable(ex.Message);
            return null;
        }
    }

    private void Unreachable(string reason)
    {
        if (Shared)
        {
            Shared = false;
            Log.Unreachable(logger, reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable, limits are per replica until it is back: {Reason}")]
        public static partial void Unreachable(ILogger logger, string reason);
    }
}
