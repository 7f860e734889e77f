using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace HybridInference.Control.Tests.Infrastructure;

/// <summary>
/// PostgreSQL from the machine's binaries: <c>initdb</c> into a temporary folder, started as user <c>postgres</c> on a
/// free port, stopped and deleted on dispose. The tests' server and the Control load check (which links this file) both
/// start one.
/// </summary>
internal sealed class PostgresProcess : IAsyncDisposable
{
    private readonly string _root;
    private readonly Process _server;
    private readonly int _port;

    private PostgresProcess(string root, Process server, int port) => (_root, _server, _port) = (root, server, port);

    /// <summary>The postmaster's process id; backends and workers are its children.</summary>
    public int ProcessId => _server.Id;

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database}";

    /// <summary>
    /// Starts a server in a folder named after <paramref name="purpose"/>. Without <paramref name="durable"/> nothing is
    /// flushed to disk (tests need a real server, not crash safety); <paramref name="settings"/> are extra <c>name=value</c>s.
    /// </summary>
    public static async Task<PostgresProcess> StartAsync(string purpose, bool durable, params string[] settings)
    {
        var root = Path.Combine(Path.GetTempPath(), $"{purpose}-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        Run(Redirected(new ProcessStartInfo("chown", ["-R", "postgres:postgres", root])));
        string[] noSync = durable ? [] : ["--no-sync"];
        Run(AsPostgres(["initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions", .. noSync]));
        var port = FreePort.Next();
        string[] unsafeSettings = durable ? [] : ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];
        var server = Process.Start(AsPostgres(["postgres", "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", data,
            "-h", "127.0.0.1", .. unsafeSettings.Concat(settings).SelectMany(s => new[] { "-c", s })]))!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var postgres = new PostgresProcess(root, server, port);
        await Eventually.TrueAsync(postgres.AcceptsConnectionsAsync, "PostgreSQL to accept connections");
        return postgres;
    }

    private async Task<bool> AcceptsConnectionsAsync()
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
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    // PostgreSQL refuses to run as root.
    private static ProcessStartInfo AsPostgres(string[] command) =>
        Redirected(new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. command]));

    private static ProcessStartInfo Redirected(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    private static void Run(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {error.Result}");
        }
    }
}
