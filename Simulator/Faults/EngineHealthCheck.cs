using HybridInference.Simulator.Engine;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Simulator.Faults;

/// <summary>Readiness of the engine: unhealthy while the <c>down</c> fault is on; the description gives the load.</summary>
internal sealed class EngineHealthCheck(FaultState faults, ModelCatalog models, RequestScheduler scheduler) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int running = 0, waiting = 0;
        for (var i = 0; i < models.Names.Count; i++)
        {
            var load = scheduler.Snapshot(i);
            running += load.Running;
            waiting += load.Waiting;
        }
        var state = $"{string.Join(", ", models.Names)}: {running} running, {waiting} waiting, {scheduler.Capacity} slots.";
        return Task.FromResult(faults.Current.Down
            ? HealthCheckResult.Unhealthy("The engine is down (injected fault). " + state)
            : HealthCheckResult.Healthy("Serving " + state));
    }
}
