using HybridInference.Control.Database;
using HybridInference.Control.Keys;
using HybridInference.Control.RouterConfiguration;

namespace HybridInference.Control;

internal static class ControlStartup
{
    /// <summary>Migrates the database, then seeds the router config and the development key when configured.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.MigrateControlDbAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConfigSeeder>().SeedAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DevKeySeeder>().SeedAsync(cancellationToken);
    }
}
