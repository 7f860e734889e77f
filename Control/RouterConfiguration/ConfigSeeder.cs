using HybridInference.Contracts.Configuration;
using HybridInference.Control.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.RouterConfiguration;

/// <summary>Stores <see cref="ControlOptions.SeedConfigFile"/> as version 1 when the database has no router config yet.</summary>
internal sealed partial class ConfigSeeder(ControlDb db, RouterConfigStore store, IOptions<ControlOptions> options, ILogger<ConfigSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var file = options.Value.SeedConfigFile;
        if (string.IsNullOrWhiteSpace(file) || await db.ConfigVersions.AnyAsync(cancellationToken))
        {
            return;
        }
        var config = RouterConfigYaml.Parse(await File.ReadAllTextAsync(file, cancellationToken));
        var change = await store.ChangeAsync(db, "seed", "seed", "config", file, _ => config, cancellationToken, comment: $"seeded from {Path.GetFileName(file)}");
        if (!change.Accepted)
        {
            throw new InvalidOperationException($"Seed config {file} is invalid: {string.Join("; ", change.Errors)}");
        }
        Seeded(logger, file, change.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded router config from {File} as version {Version}")]
    private static partial void Seeded(ILogger logger, string file, long version);
}
