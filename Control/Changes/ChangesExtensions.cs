using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace HybridInference.Control.Changes;

internal static class ChangesExtensions
{
    /// <summary>Redis announcements when <c>ConnectionStrings:redis</c> is set, silence otherwise; <c>/health</c> says which.</summary>
    public static IHostApplicationBuilder AddChangeNotices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddSingleton<IChangeNotifier, SilentChangeNotifier>();
            builder.Services.AddHealthChecks().AddCheck("redis", () => HealthCheckResult.Healthy(
                "Redis not configured: changes are not announced, Routers pick them up when they poll"));
            return builder;
        }
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<IChangeNotifier, RedisChangeNotifier>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }
}
