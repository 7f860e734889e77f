using HybridInference.Control.Database;
using HybridInference.Control.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace HybridInference.Control.Tests.Database;

public sealed class MigrationTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    protected override bool EmptyDatabase => true;

    [Fact]
    public async Task Start_up_migrates_an_empty_database_and_health_reports_it()
    {
        var health = await Control.CreateClient().GetAsync("/health");
        var body = await health.Content.ReadAsStringAsync();
        Assert.True(health.IsSuccessStatusCode, body);
        Assert.Contains("controldb", body);
        Assert.Contains("Redis not configured", body);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY(@names)", connection);
        string[] tables = ["customers", "virtual_keys", "models", "model_prices", "backends", "routes", "routing_rules", "routing_settings",
            "config_versions", "usage_records", "usage_daily", "invoices", "invoice_lines", "invoicing_runs", "audit_log", "__EFMigrationsHistory"];
        command.Parameters.AddWithValue("names", tables);
        Assert.Equal((long)tables.Length, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrate_command_creates_the_schema_and_exits()
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Control.dll"), "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__controldb"] = ConnectionString;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output + await error);

        await using var db = new ControlDb(new DbContextOptionsBuilder<ControlDb>().UseNpgsql(ConnectionString).Options);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        _ = Control.Server;
        await using var second = new ControlFactory(ConnectionString);
        var response = await second.CreateClient().GetAsync("/alive");
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Usage_stored_before_the_ingestion_keys_migration_survives_it_and_still_counts_once()
    {
        await using var db = new ControlDb(new DbContextOptionsBuilder<ControlDb>().UseNpgsql(ConnectionString).Options);
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync("20261128232412_Initial");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO usage_records (request_id, ts, key_id, customer_id, requested_model, served_model, endpoint, prompt_tokens,
                completion_tokens, latency_ms, status, fallback_count, stream, cost, ingested_at)
            VALUES ('old-1', '2026-01-05T10:00:00Z', 'key_acme', 'acme', 'auto', 'm', 'chat.completions', 10, 5, 1, 200, 0, false, 0, now());
            INSERT INTO usage_daily VALUES ('2026-01-05', 'acme', 'key_acme', 'm', 1, 10, 5, 0);
            """);

        await migrator.MigrateAsync();
        var client = Control.Internal();
        var replayed = UsageData.Record("old-1", "2026-01-05T10:00:00Z", "acme", "m", 10, 5);
        Assert.Equal(new Contracts.Usage.UsageIngestResult(1, 1),
            await UsageData.IngestAsync(client, replayed, UsageData.Record("new-1", "2026-01-05T11:00:00Z", "acme", "m", 20, 5)));
        var day = await db.UsageDaily.SingleAsync();
        Assert.Equal((2L, 30L), (day.Requests, day.PromptTokens));
    }

    [Fact]
    public async Task Routing_settings_stored_before_the_gateway_migration_read_as_the_contract_defaults()
    {
        await using var db = new ControlDb(new DbContextOptionsBuilder<ControlDb>().UseNpgsql(ConnectionString).Options);
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync("20261129050218_JailbreakThresholdFollowsModel");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO routing_settings (id, default_route, classifier_timeout_ms, jailbreak_action, pii_action)
            VALUES (1, 'chat-fast', 50, 'Block', 'LocalOnly');
            """);

        await migrator.MigrateAsync();
        var settings = await db.RoutingSettings.AsNoTracking().SingleAsync();
        var (guard, cache) = (new Contracts.Configuration.GuardPolicy(), new Contracts.Configuration.ResponseCacheConfig());
        Assert.Equal((guard.Mode, guard.OnClassifierUnavailable), (settings.GuardMode, settings.OnClassifierUnavailable));
        Assert.Equal((cache.Enabled, cache.TtlSeconds, cache.MaxEntries, cache.MaxEntryBytes, cache.HitPrice),
            (settings.CacheEnabled, settings.CacheTtlSeconds, settings.CacheMaxEntries, settings.CacheMaxEntryBytes, settings.CacheHitPrice));
    }
}
