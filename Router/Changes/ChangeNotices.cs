using HybridInference.Router.Configuration;
using HybridInference.Router.Keys;
using StackExchange.Redis;

namespace HybridInference.Router.Changes;

/// <summary>
/// Listens on Redis channel <c>hybrid:changes</c>: <c>key:&lt;sha256&gt;</c> drops a cached key policy,
/// <c>config:&lt;version&gt;</c> polls Control for the new routing config.
/// </summary>
internal sealed partial class ChangeNotices(
    RedisConnection redis, KeyPolicyCache keys, ControlConfigSource config, ILogger<ChangeNotices> logger) : IHostedService
{
    public const string Channel = "hybrid:changes";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.Subscriber is not { } subscriber)
        {
            return;
        }
        try
        {
            await subscriber.SubscribeAsync(RedisChannel.Literal(Channel), (_, message) => Handle(message.ToString()));
        }
        catch (RedisException ex)
        {
            Log.SubscribeFailed(logger, ex.Message);
        }
    }

    public void Handle(string message)
    {
        if (message.StartsWith("key:", StringComparison.Ordinal))
        {
            keys.Invalidate(message["key:".Length..]);
        }
        else if (message.StartsWith("config:", StringComparison.Ordinal))
        {
            config.Refresh();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis.Subscriber is { } subscriber && redis.IsConnected)
        {
            await subscriber.UnsubscribeAsync(RedisChannel.Literal(Channel));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to Redis change notices: {Reason}")]
        public static partial void SubscribeFailed(ILogger logger, string reason);
    }
}
