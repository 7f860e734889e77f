using HybridInference.Router.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Limits;

/// <summary>
/// The appliance's global edge limit: one token bucket (<see cref="RouterOptions.EdgeRequestsPerSecond"/>, burst
/// <see cref="RouterOptions.EdgeBurst"/>) in front of everything, shared by every replica through the counter store.
/// A replica takes a few tokens at a time and spends them locally, so most requests cost no round trip; tokens it
/// has not spent within a second are dropped, which can only make the limit stricter, never looser.
/// </summary>
internal sealed class EdgeRateLimiter
{
    private const string Bucket = "edge";
    private static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(1);

    private readonly ICounterStore _counters;
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly long _burst;
    private readonly long _leaseSize;
    private readonly Lock _lock = new();
    private long _leased;
    private DateTimeOffset _leaseExpires;
    private DateTimeOffset _emptyUntil;
    private bool _fetching;

    public EdgeRateLimiter(ICounterStore counters, IOptions<RouterOptions> options, TimeProvider time)
    {
        _counters = counters;
        _time = time;
        _rate = options.Value.EdgeRequestsPerSecond;
        _burst = Math.Max(1, options.Value.EdgeBurst);
        // About 50 ms of the steady rate per fetch: at the appliance's 100 req/s, one round trip per five requests.
        _leaseSize = Math.Clamp((long)(_rate / 20), 1, _burst);
    }

    /// <summary>Admits one request; when the bucket is empty, says how long until a token is free.</summary>
    public async ValueTask<(bool Admitted, TimeSpan RetryAfter)> TryAcquireAsync()
    {
        if (_rate <= 0)
        {
            return (true, TimeSpan.Zero);
        }
        bool leasing;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_leased > 0 && now < _leaseExpires)
            {
                _leased--;
                return (true, TimeSpan.Zero);
            }
            // Known empty: refuse without asking again until a token is due.
            if (now < _emptyUntil)
            {
                return (false, _emptyUntil - now);
            }
            // One fetch takes a lease; requests arriving while it is under way take only their own token.
            leasing = !_fetching;
            _fetching = true;
        }
        var (taken, retryAfter) = await _counters.TakeAsync(Bucket, leasing ? _leaseSize : 1, _rate, _burst);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (leasing)
            {
                _fetching = false;
                // The new lease replaces what is left of the old one, so no token outlives its second.
                _leased = Math.Max(0, taken - 1);
                _leaseExpires = now + LeaseLifetime;
            }
            if (taken == 0)
            {
                _emptyUntil = now + retryAfter;
                return (false, retryAfter);
            }
            return (true, TimeSpan.Zero);
        }
    }
}
