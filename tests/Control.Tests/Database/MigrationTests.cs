using HybridInference.Control.Database;
using HybridInference.Control.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
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
}
