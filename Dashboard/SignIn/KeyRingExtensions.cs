using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace HybridInference.Dashboard.SignIn;

/// <summary>
/// The Data Protection key ring that seals session and antiforgery cookies. With a Redis connection
/// (<c>ConnectionStrings:redis</c>) every replica reads and writes one ring, so a cookie from one is accepted by the
/// others; without it each replica keeps its own, which only a single replica can live with (<c>/health</c> says which).
/// </summary>
internal static class KeyRingExtensions
{
    /// <summary>The discriminator replicas must share: without it the ring is isolated per content root.</summary>
    public const string ApplicationName = "hybrid-inference-dashboard";

    /// <summary>The Redis list holding the key ring's XML elements.</summary>
    public static readonly RedisKey RedisKey = "hybrid-inference:dashboard:data-protection-keys";

    public static IHostApplicationBuilder AddDashboardKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (builder.Configuration.GetConnectionString("redis") is { Length: > 0 } connectionString)
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(connectionString);
                // Start even when Redis is down; the ring loads once it is back.
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>(
                (keys, redis) => keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
        }
        builder.Services.AddHealthChecks().AddCheck<KeyRingHealthCheck>("key-ring");
        return builder;
    }
}
