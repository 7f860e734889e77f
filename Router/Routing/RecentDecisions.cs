using HybridInference.Router.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Routing;

/// <summary>The last routing decisions, newest first, in a fixed-size ring.</summary>
internal sealed class RecentDecisions(IOptions<RouterOptions> options)
{
    private readonly RoutingDecision?[] _ring = new RoutingDecision?[Math.Max(1, options.Value.RecentDecisions)];
    private readonly Lock _lock = new();
    private long _next;

    public void Add(RoutingDecision decision)
    {
        lock (_lock)
        {
            _ring[_next++ % _ring.Length] = decision;
        }
    }

    public List<RoutingDecision> Snapshot(int limit)
    {
        lock (_lock)
        {
            var count = (int)Math.Min(Math.Min(_next, _ring.Length), limit);
            var result = new List<RoutingDecision>(count);
            for (var i = 1; i <= count; i++)
            {
                result.Add(_ring[(_next - i) % _ring.Length]!);
            }
            return result;
        }
    }
}
