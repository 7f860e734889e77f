using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HybridInference.Control.Bench;

/// <summary>PostgreSQL from the machine's binaries, as user postgres, in a temporary folder deleted on dispose.</summary>
internal sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly Process _server;
    private readonly int _port;

    private LocalPostgres(string root, Process server, int port) => (_root, _server, _port) = (root, server, port);

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database}";

    public static async Task<LocalPostgres> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "control-bench-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        Run("chown", "-R", "postgres:postgres", root);
        Run("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions");
        var port = FreePort();
        var server = Process.Start(new ProcessStartInfo("setpriv",
            ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", "postgres", "-D", data, "-p", port.ToString(), "-k", data, "-h", "127.0.0.1",
             "-c", "shared_buffers=512MB", "-c", "max_wal_size=4GB"])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        server.ErrorDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        var postgres = new LocalPostgres(root, server, port);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
                await connection.OpenAsync();
                return postgres;
            }
            catch (NpgsqlException) when (attempt < 300)
            {
                await Task.Delay(100);
            }
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
        Directory.Delete(_root, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {error.Result}");
        }
    }
}
