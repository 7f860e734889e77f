using System.Diagnostics;
using HybridInference.Control.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HybridInference.Control.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the whole test run: <c>initdb</c> into a temporary folder, started as user
/// <c>postgres</c> on a free port, one database per test class, stopped and deleted at the end.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "control-tests-" + Guid.NewGuid().ToString("N"));
    private Process? _server;
    private int _port;

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        Run("chown", "-R", "postgres:postgres", _root);
        Run("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", "initdb", "-D", data, "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        _port = FreePort.Next();
        // Durability settings off: the tests need a real server, not crash safety.
        _server = Process.Start(new ProcessStartInfo("setpriv",
            ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", "postgres", "-D", data, "-p", _port.ToString(), "-k", data,
             "-h", "127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, "PostgreSQL to accept connections");
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

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Maximum Pool Size=50";

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

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }
        _server?.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
