namespace HybridInference.Control.Changes;

/// <summary>Tells Routers a key or the router config changed, so they refresh at once instead of at their next poll.</summary>
internal interface IChangeNotifier
{
    /// <summary>Channel the Routers subscribe to.</summary>
    const string Channel = "hybrid:changes";

    /// <summary>Announces <c>config:&lt;version&gt;</c>.</summary>
    Task ConfigChangedAsync(long version, CancellationToken cancellationToken);

    /// <summary>Announces <c>key:&lt;sha256-hex&gt;</c>.</summary>
    Task KeyChangedAsync(string hash, CancellationToken cancellationToken);
}
