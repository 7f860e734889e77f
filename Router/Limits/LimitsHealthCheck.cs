using HybridInference.Router.Changes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Router.Limits;

/// <summary>Whether key limits are shared through Redis or kept per replica: degraded while a configured Redis is unreachable.</summary>
internal sealed class LimitsHealthCheck(RedisConnection redis, RedisCounterStore counters) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["limits"] = !redis.IsConfigured ? "in-process (no Redis configured)"
                : redis.IsConnected && counters.Shared ? "redis (shared by replicas)" : "in-process (Redis unreachable)",
        };
        return Task.FromResult(redis.IsConfigured && !redis.IsConnected
            ? HealthCheckResult.Degraded("Redis unreachable, limits per replica.", data: data)
            : HealthCheckResult.Healthy("Limits.", data));
    }
}
