namespace HybridInference.Router.Limits;

/// <summary>Counters in this process: used without Redis, and while Redis is unreachable.</summary>
internal sealed class InProcessCounterStore(TimeProvider time) : ICounterStore
{
    private readonly Dictionary<string, (long Value, DateTimeOffset Expires)> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep;

    public ValueTask<(bool Added, long Value)> TryAddAsync(string key, long amount, long limit, TimeSpan ttl, long seed = 0)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Sweep(now);
            if (!_counters.TryGetValue(key, out var counter) || counter.Expires <= now)
            {
                counter = (seed, now + ttl);
            }
            var next = counter.Value + amount;
            if (amount > 0 && next > limit)
            {
                _counters[key] = counter;
                return ValueTask.FromResult((false, counter.Value));
            }
            _counters[key] = (next, counter.Expires);
            return ValueTask.FromResult((true, next));
        }
    }

    public ValueTask AddAsync(string key, long amount, TimeSpan ttl)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_counters.TryGetValue(key, out var counter) && counter.Expires > now)
            {
                _counters[key] = (counter.Value + amount, counter.Expires);
            }
            else
            {
                _counters[key] = (amount, now + ttl);
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<(long Taken, TimeSpan RetryAfter)> TakeAsync(string bucket, long want, double perSecond, long burst)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var tokens = _buckets.TryGetValue(bucket, out var state)
                ? Math.Min(burst, state.Tokens + (now - state.At).TotalSeconds * perSecond)
                : burst;
            var taken = Math.Min(want, (long)tokens);
            _buckets[bucket] = (tokens - taken, now);
            return ValueTask.FromResult(taken > 0 ? (taken, TimeSpan.Zero) : (0L, TimeSpan.FromSeconds((1 - tokens) / perSecond)));
        }
    }

    // Expired windows are dropped now and then so per-key counters do not pile up.
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var (key, counter) in _counters)
        {
            if (counter.Expires <= now)
            {
                _counters.Remove(key);
            }
        }
    }
}
