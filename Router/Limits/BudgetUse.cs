using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HybridInference.Router.Observability;

namespace HybridInference.Router.Limits;

/// <summary>Each budgeted key's share of its monthly budget as last counted, so an alert can warn before requests are refused.</summary>
internal sealed class BudgetUse
{
    private readonly ConcurrentDictionary<string, double> _used = new(StringComparer.Ordinal);

    public BudgetUse(RouterTelemetry telemetry) =>
        telemetry.ObserveGauge("hybrid.router.key.budget_used_ratio", Observe, "1", "Share of the key's monthly budget spent or reserved (1 = all), by key.");

    /// <summary>Keeps the counter's value after a request's reservation (<paramref name="spent"/> of <paramref name="budget"/>, same scale).</summary>
    public void Record(string keyId, long spent, long budget) => _used[keyId] = budget <= 0 ? 1 : (double)spent / budget;

    private IEnumerable<Measurement<double>> Observe()
    {
        foreach (var (key, used) in _used)
        {
            yield return new Measurement<double>(used, new KeyValuePair<string, object?>("key_id", key));
        }
    }
}
