using HybridInference.Dashboard.Fabric;
using Microsoft.Extensions.Options;

namespace HybridInference.Dashboard.Overview;

/// <summary>
/// Keeps the last minutes of routing decisions for the overview's live charts: polls the Router's recent-decisions
/// feed, keeps each decision once (by request id), and drops what falls out of the window. One poller serves every
/// open overview page.
/// </summary>
internal sealed partial class OverviewSampler(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<DashboardOptions> options, ILogger<OverviewSampler> logger) : BackgroundService
{
    /// <summary>How much history the charts show.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RoutingDecision> _seen = new(StringComparer.Ordinal);
    private Dictionary<string, bool> _localBackends = new(StringComparer.Ordinal);

    /// <summary>Raised after every poll that succeeded.</summary>
    public event Action? Updated;

    /// <summary>Why the last poll failed, or null.</summary>
    public string? LastError { get; private set; }

    public OverviewSnapshot Snapshot()
    {
        lock (_lock)
        {
            return OverviewSnapshot.From([.. _seen.Values], _localBackends, time.GetUtcNow(), Window);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SampleSeconds), time);
        do
        {
            await PollAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var router = scope.ServiceProvider.GetRequiredService<RouterApi>();
            var decisions = await router.DecisionsAsync("limit=1000", cancellationToken);
            var backends = await router.BackendsAsync(cancellationToken);
            var cutoff = time.GetUtcNow() - Window;
            lock (_lock)
            {
                foreach (var decision in decisions)
                {
                    if (decision.Timestamp >= cutoff)
                    {
                        _seen.TryAdd(decision.RequestId, decision);
                    }
                }
                foreach (var (id, decision) in _seen.ToList())
                {
                    if (decision.Timestamp < cutoff)
                    {
                        _seen.Remove(id);
                    }
                }
                _localBackends = backends.ToDictionary(b => b.Name, b => b.Local, StringComparer.Ordinal);
            }
            LastError = null;
            Updated?.Invoke();
        }
        catch (Exception ex) when (ex is HttpRequestException or FabricCallException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (LastError is null)
            {
                Log.PollFailed(logger, ex.Message);
            }
            LastError = ex.Message;
            Updated?.Invoke();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The overview cannot read the Router's decisions: {Reason}")]
        public static partial void PollFailed(ILogger logger, string reason);
    }
}
