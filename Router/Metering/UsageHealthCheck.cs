using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Router.Metering;

/// <summary>How much usage waits in the spool for Control (informational: a spool is how the Router rides out Control's absence).</summary>
internal sealed class UsageHealthCheck(UsageSpool spool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("Usage.", new Dictionary<string, object> { ["usage_spool_bytes"] = spool.Bytes }));
}
