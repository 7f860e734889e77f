using System.Diagnostics;
using StackExchange.Redis;

namespace HybridInference.Control.Tests.Infrastructure;

/// <summary>A real <c>redis-server</c> on a free port, without persistence; stopped on dispose.</summary>
internal sealed class RedisServer : IAsyncDisposable
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
        var port = FreePort.Next();
        var process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var server = new RedisServer(process, port);
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",abortConnect=true,connectTimeout=500");
                return redis.IsConnected;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, "redis-server to accept connections");
        return server;
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
