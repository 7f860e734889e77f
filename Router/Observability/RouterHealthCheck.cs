using HybridInference.Router.Changes;
using HybridInference.Router.Configuration;
using HybridInference.Router.Limits;
using HybridInference.Router.Metering;
using HybridInference.Router.Targets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Router.Observability;

/// <summary>
/// The Router's readiness with the reasons an operator needs: the config in use (and why a newer one was refused),
/// whether limits are shared through Redis or per replica, the usage spool, and every backend's circuit.
/// </summary>
internal sealed class RouterHealthCheck(
    RouterConfigStore config, RedisConnection redis, RedisCounterStore counters, UsageSpool spool, BackendRegistry backends) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var table = config.Current;
        var data = new Dictionary<string, object>
        {
            ["config_version"] = table.Version,
            ["config_origin"] = config.Origin ?? "none",
            ["models"] = table.Config.Models.Count,
            ["limits"] = !redis.IsConfigured ? "in-process (no Redis configured)"
                : redis.IsConnected && counters.Shared ? "redis (shared by replicas)" : "in-process (Redis unreachable)",
            ["usage_spool_bytes"] = spool.Bytes,
        };
        if (config.LastError is { } error)
        {
            data["config_error"] = error;
            data["config_error_at"] = config.LastErrorAt!.Value.ToString("O");
        }
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
        if (config.Origin is null)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No routing config loaded yet.", data: data));
        }
        var problems = new List<string>();
        if (config.LastError is not null)
        {
            problems.Add("the last config offered was refused");
        }
        if (redis.IsConfigured && !redis.IsConnected)
        {
            problems.Add("Redis unreachable, limits per replica");
        }
        if (down.Count > 0)
        {
            problems.Add("backends down: " + string.Join(", ", down));
        }
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("Routing.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}
