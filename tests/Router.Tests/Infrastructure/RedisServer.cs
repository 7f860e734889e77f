using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>A real <c>redis-server</c> on a free port, without persistence, stopped on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var server = new RedisServer(process, port);
        await Eventually.TrueAsync(() => server.Ping(), "redis-server answering PING");
        return server;
    }

    private bool Ping()
    {
        try
        {
            using var connection = ConnectionMultiplexer.Connect($"{ConnectionString},connectTimeout=500,abortConnect=true");
            return connection.GetDatabase().Ping() >= TimeSpan.Zero;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }

    public async Task PublishAsync(string channel, string message)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        await connection.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
