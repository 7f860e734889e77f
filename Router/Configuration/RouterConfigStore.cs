using HybridInference.Contracts.Configuration;
using HybridInference.Router.Targets;

namespace HybridInference.Router.Configuration;

/// <summary>
/// Holds the routing table in use. A new config replaces it only when valid; otherwise the last good one stays and the
/// reason is kept for <c>/health</c>.
/// </summary>
internal sealed partial class RouterConfigStore(
    BackendRegistry backends, BackendAddressResolver addresses, TimeProvider time, ILogger<RouterConfigStore> logger)
{
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private volatile RoutingTable _current = RoutingTable.Build(new RouterConfig(), new Dictionary<string, BackendState>());

    public RoutingTable Current => _current;

    /// <summary>Where the config in use came from (<c>file:…</c> or <c>control</c>), or null before the first one.</summary>
    public string? Origin { get; private set; }

    /// <summary>Why the last config offered was refused, or null when the last one was good.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    /// <summary>Validates and, when good, switches to <paramref name="config"/>; returns whether it was applied.</summary>
    public async Task<bool> ApplyAsync(RouterConfig config, string origin, CancellationToken cancellationToken)
    {
        var errors = RouterConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            Reject(origin, string.Join("; ", errors));
            return false;
        }
        await _applyLock.WaitAsync(cancellationToken);
        try
        {
            var live = backends.Apply(config.Backends);
            foreach (var backend in live.Values)
            {
                await addresses.ResolveAsync(backend, cancellationToken);
            }
            _current = RoutingTable.Build(config, live);
            Origin = origin;
            LastError = null;
            LastErrorAt = null;
            Log.Applied(logger, config.Version, origin, config.Models.Count, config.Backends.Count);
            return true;
        }
        finally
        {
            _applyLock.Release();
        }
    }

    /// <summary>Records a config that could not even be read, keeping the current one.</summary>
    public void Reject(string origin, string reason)
    {
        LastError = $"{origin}: {reason}";
        LastErrorAt = time.GetUtcNow();
        Log.Rejected(logger, origin, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Routing config version {Version} from {Origin} in use: {Models} models, {Backends} backends")]
        public static partial void Applied(ILogger logger, long version, string origin, int models, int backends);

        [LoggerMessage(Level = LogLevel.Error, Message = "Routing config from {Origin} refused, keeping the last good one: {Reason}")]
        public static partial void Rejected(ILogger logger, string origin, string reason);
    }
}
