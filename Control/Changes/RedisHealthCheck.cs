using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace HybridInference.Control.Changes;

/// <summary>Degraded, not unhealthy, when Redis is down: Control keeps working and Routers fall back to polling.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy($"Changes announced on Redis channel {IChangeNotifier.Channel}")
            : HealthCheckResult.Degraded("Redis unreachable: changes are not announced, Routers pick them up when they poll"));
}
