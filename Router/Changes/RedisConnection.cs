using StackExchange.Redis;

namespace HybridInference.Router.Changes;

/// <summary>
/// The optional Redis connection (<c>ConnectionStrings:redis</c>): shared limit counters and change notices.
/// Without it the Router keeps counters in process and says so in <c>/health</c>.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConnectionMultiplexer? _multiplexer;

    public RedisConnection(IConfiguration configuration)
    {
        if (configuration.GetConnectionString("redis") is { Length: > 0 } connectionString)
        {
            var options = ConfigurationOptions.Parse(connectionString);
            // Start even when Redis is down; operations fail (and fall back) until it is back.
            options.AbortOnConnectFail = false;
            _multiplexer = ConnectionMultiplexer.Connect(options);
        }
    }

    public bool IsConfigured => _multiplexer is not null;

    public bool IsConnected => _multiplexer?.IsConnected == true;

    public IDatabase? Database => _multiplexer?.GetDatabase();

    public ISubscriber? Subscriber => _multiplexer?.GetSubscriber();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
    }
}
