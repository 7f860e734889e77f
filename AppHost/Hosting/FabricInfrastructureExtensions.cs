using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridInference.AppHost.Hosting;

/// <summary>
/// PostgreSQL and Redis for the fabric: Aspire's container resources where a container engine runs,
/// the same names and connection strings from local processes where none does.
/// </summary>
public static class FabricInfrastructureExtensions
{
    /// <summary>A PostgreSQL server named <paramref name="serverName"/> holding database <paramref name="databaseName"/>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(
        this IDistributedApplicationBuilder builder, FabricEnvironment fabric, string serverName, string databaseName)
    {
        if (fabric.Containers)
        {
            return builder.AddPostgres(serverName).WithDataVolume().AddDatabase(databaseName);
        }
        return builder.AddLocalPostgres(serverName, fabric.DataDirectory(serverName)).AddDatabase(databaseName);
    }

    /// <summary>
    /// Redis named <paramref name="name"/>, or null when neither a container engine nor <c>redis-server</c> is there:
    /// Redis is optional, the services then keep their counters in-process and say so in their health.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddOptionalRedis(
        this IDistributedApplicationBuilder builder, FabricEnvironment fabric, string name)
    {
        if (fabric.Containers)
        {
            return builder.AddRedis(name).WithDataVolume();
        }
        if (Executables.Find("redis-server") is { } redisServer)
        {
            return builder.AddLocalRedis(name, redisServer, fabric.DataDirectory(name));
        }
        builder.Eventing.Subscribe<BeforeStartEvent>((startEvent, _) =>
        {
            startEvent.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HybridInference.AppHost").LogWarning(
                "redis-server is not installed and no container engine runs: the fabric starts without Redis, " +
                "services fall back to in-process counters. Install it with: apt-get install redis-server");
            return Task.CompletedTask;
        });
        return null;
    }

    /// <summary>References <paramref name="source"/> and waits for it, when there is one.</summary>
    public static IResourceBuilder<T> WithOptionalReference<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString>? source)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        source is null ? builder : builder.WithReference(source).WaitFor(source);
}
