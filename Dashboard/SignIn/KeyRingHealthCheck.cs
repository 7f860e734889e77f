using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace HybridInference.Dashboard.SignIn;

/// <summary>Where the cookie keys live: shared through Redis, or in this process only (one replica).</summary>
internal sealed class KeyRingHealthCheck(IConnectionMultiplexer? redis = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy(data: Keys("this replica only (no Redis configured: run a single replica)")));
        }
        return Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy(data: Keys("redis (shared by replicas)"))
            : HealthCheckResult.Degraded("Redis is unreachable: sign-ins fail until it is back", data: Keys("redis (unreachable)")));
    }

    private static Dictionary<string, object> Keys(string where) => new() { ["data_protection_keys"] = where };
}
