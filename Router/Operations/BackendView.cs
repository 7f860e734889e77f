using HybridInference.Contracts.Configuration;
using HybridInference.Router.Routing;
using HybridInference.Router.Targets;

namespace HybridInference.Router.Operations;

/// <summary>One backend as the Dashboard shows it.</summary>
/// <param name="Name">Backend name in the config.</param>
/// <param name="Url">Address requests go to, service discovery applied.</param>
/// <param name="Local">Local engine (probed) or remote API (judged by failures).</param>
/// <param name="Circuit"><c>closed</c>, <c>open</c> or <c>half_open</c>.</param>
/// <param name="Available">Whether the circuit lets traffic through now.</param>
/// <param name="Drained">Drained by an operator: no new work is sent to it.</param>
/// <param name="LastError">Why it last failed, while the circuit is not closed.</param>
/// <param name="InFlight">Requests in flight through this Router.</param>
/// <param name="MaxConcurrency">The config's concurrency limit.</param>
/// <param name="Load">The engine's own load from its <c>/metrics</c>, when it exposes one.</param>
/// <param name="Requests">Recent decisions served by it.</param>
/// <param name="LatencyP50Ms">Median latency of those, or null without any.</param>
/// <param name="LatencyP95Ms">95th percentile latency of those, or null without any.</param>
internal sealed record BackendView(
    string Name, string Url, bool Local, CircuitState Circuit, bool Available, bool Drained, string? LastError,
    int InFlight, int MaxConcurrency, EngineLoad? Load, int Requests, double? LatencyP50Ms, double? LatencyP95Ms)
{
    public static List<BackendView> All(ICollection<BackendState> backends, List<RoutingDecision> recent)
    {
        var views = new List<BackendView>(backends.Count);
        foreach (var backend in backends)
        {
            views.Add(Of(backend, recent));
        }
        views.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return views;
    }

    public static BackendView Of(BackendState backend, List<RoutingDecision> recent)
    {
        var latencies = new List<double>();
        foreach (var decision in recent)
        {
            if (decision.Backend == backend.Name)
            {
                latencies.Add(decision.LatencyMs);
            }
        }
        latencies.Sort();
        return new BackendView(backend.Name, backend.BaseUrl, backend.Config.Locality == BackendLocality.Local, backend.Circuit,
            backend.IsAvailable, backend.Drained, backend.Circuit == CircuitState.Closed ? null : backend.LastError,
            backend.InFlight, backend.Config.MaxConcurrency, backend.Load, latencies.Count, Percentile(latencies, 0.5), Percentile(latencies, 0.95));
    }

    private static double? Percentile(List<double> sorted, double rank) =>
        sorted.Count == 0 ? null : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(rank * sorted.Count) - 1)];
}
