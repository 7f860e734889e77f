using HybridInference.Control.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HybridInference.Control.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (<see cref="PostgresProcess"/>) for the whole test run, one database per test class,
/// stopped and deleted at the end.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PostgresProcess? _server;

    public async Task InitializeAsync()
    {
        _server = await PostgresProcess.StartAsync("control-tests", durable: false, "max_connections=200");
        await MigrateTemplateAsync();
    }

    private const string Template = "control_template";

    // Migrated once, then copied per test (CREATE DATABASE ... TEMPLATE is a file copy), so each test starts clean and fast.
    private async Task MigrateTemplateAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {Template}");
        var connectionString = ConnectionString(Template);
        await using (var db = new ControlDb(new DbContextOptionsBuilder<ControlDb>().UseNpgsql(connectionString).Options))
        {
            await db.Database.MigrateAsync();
        }
        await using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public string ConnectionString(string database) => _server!.ConnectionString(database) + ";Maximum Pool Size=50";

    /// <summary>Creates a migrated database with no data and answers its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => CreateAsync(prefix, $" TEMPLATE {Template}");

    /// <summary>Creates a database without any schema.</summary>
    public Task<string> CreateEmptyDatabaseAsync(string prefix) => CreateAsync(prefix, "");

    private async Task<string> CreateAsync(string prefix, string template)
    {
        var name = (prefix + "_" + Guid.NewGuid().ToString("N")[..8]).ToLowerInvariant();
        await ExecuteAsync($"CREATE DATABASE \"{name}\"{template}");
        return ConnectionString(name);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
