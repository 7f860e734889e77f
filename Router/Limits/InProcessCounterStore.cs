namespace HybridInference.Router.Limits;

/// <summary>Counters in this process: used without Redis, and while Redis is unreachable.</summary>
internal sealed class InProcessCounterStore(TimeProvider time) : ICounterStore
{
    private readonly Dictionary<string, (long Value, DateTimeOffset Expires)> _counters = new(StringComparer.Ordinal);
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
