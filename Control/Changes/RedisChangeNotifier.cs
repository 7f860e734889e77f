using StackExchange.Redis;

namespace HybridInference.Control.Changes;

/// <summary>Publishes change notices on Redis; a failed publish is logged, never fails the change (Routers still poll).</summary>
internal sealed partial class RedisChangeNotifier(IConnectionMultiplexer redis, ILogger<RedisChangeNotifier> logger) : IChangeNotifier
{
    public Task ConfigChangedAsync(long version, CancellationToken cancellationToken) => PublishAsync($"config:{version}");

    public Task KeyChangedAsync(string hash, CancellationToken cancellationToken) => PublishAsync($"key:{hash}");

    private async Task PublishAsync(string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(IChangeNotifier.Channel), message);
        }
        catch (RedisException ex)
        {
            PublishFailed(logger, message, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce '{Message}' on Redis; Routers will see it at their next poll")]
    private static partial void PublishFailed(ILogger logger, string message, Exception exception);
}
