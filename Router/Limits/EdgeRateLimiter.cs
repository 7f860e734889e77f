using HybridInference.Router.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Limits;

/// <summary>
/// The appliance's global edge limit: a token bucket (<see cref="RouterOptions.EdgeRequestsPerSecond"/>, burst
/// <see cref="RouterOptions.EdgeBurst"/>) in front of everything, per replica and in process so it costs no round trip.
/// </summary>
internal sealed class EdgeRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _burst;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _last;

    public EdgeRateLimiter(IOptions<RouterOptions> options, TimeProvider time)
    {
        _time = time;
        _rate = options.Value.EdgeRequestsPerSecond;
        _burst = Math.Max(1, options.Value.EdgeBurst);
        _tokens = _burst;
        _last = time.GetTimestamp();
    }

    public bool Enabled => _rate > 0;

    /// <summary>Takes one request from the bucket; when empty, says how long until one is free.</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_rate <= 0)
        {
            return true;
        }
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _rate);
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            return false;
        }
    }

    public double Limit => _rate;
}
