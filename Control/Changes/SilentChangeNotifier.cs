namespace HybridInference.Control.Changes;

/// <summary>Used without Redis: nothing is announced and Routers see changes at their next poll.</summary>
internal sealed class SilentChangeNotifier : IChangeNotifier
{
    public Task ConfigChangedAsync(long version, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task KeyChangedAsync(string hash, CancellationToken cancellationToken) => Task.CompletedTask;
}
