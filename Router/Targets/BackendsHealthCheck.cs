using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Router.Targets;

/// <summary>Every backend's circuit (with the reason when not closed): degraded while any is down.</summary>
internal sealed class BackendsHealthCheck(BackendRegistry backends) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var down = new List<string>();
        foreach (var backend in backends.All)
        {
            data["backend:" + backend.Name] = backend.LastError is { } why && backend.Circuit != CircuitState.Closed
                ? $"{backend.Circuit}: {why}" : backend.Circuit.ToString();
            if (backend.Circuit != CircuitState.Closed)
            {
                down.Add(backend.Name);
            }
        }
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy("Backends.", data)
            : HealthCheckResult.Degraded("Backends down: " + string.Join(", ", down), data: data));
    }
}
