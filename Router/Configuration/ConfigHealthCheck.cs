using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Router.Configuration;

/// <summary>The routing config in use, where it came from and why a newer one was refused: unhealthy until one is loaded.</summary>
internal sealed class ConfigHealthCheck(RouterConfigStore config) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var table = config.Current;
        var data = new Dictionary<string, object>
        {
            ["config_version"] = table.Version,
            ["config_origin"] = config.Origin ?? "none",
            ["models"] = table.Config.Models.Count,
        };
        if (config.LastError is { } error)
        {
            data["config_error"] = error;
            data["config_error_at"] = config.LastErrorAt!.Value.ToString("O");
        }
        return Task.FromResult(
            config.Origin is null ? HealthCheckResult.Unhealthy("No routing config loaded yet.", data: data)
            : config.LastError is not null ? HealthCheckResult.Degraded("The last config offered was refused.", data: data)
            : HealthCheckResult.Healthy("Config in use.", data));
    }
}
