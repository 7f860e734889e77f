using HybridInference.Contracts.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Targets;

/// <summary>
/// Actively checks every local engine: <c>/health</c> (KubeAI: its model list) feeds the circuit breaker (a failed probe opens it, a good one
/// closes it once the open period is over), <c>/metrics</c> gives the engine's own queue and KV-cache load for
/// spill-over. Remote APIs are judged by passive failures only. Addresses are re-resolved on every round.
/// </summary>
internal sealed partial class BackendProber(
    BackendRegistry backends,
    BackendAddressResolver addresses,
    UpstreamInvoker upstream,
    IOptions<TargetOptions> options,
    TimeProvider time,
    ILogger<BackendProber> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (double Sum, double Count)> _ttft = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ProbeIntervalSeconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ProbeIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ProbeAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        var probes = new List<Task>();
        foreach (var backend in backends.All)
        {
            probes.Add(ProbeAsync(backend, cancellationToken));
        }
        await Task.WhenAll(probes);
    }

    public async Task ProbeAsync(BackendState backend, CancellationToken cancellationToken)
    {
        await addresses.ResolveAsync(backend, cancellationToken);
        if (backend.Config.Locality == BackendLocality.Remote)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using (var health = await upstream.Invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, backend.BaseUrl + backend.HealthPath), timeout.Token))
            {
                if (!health.IsSuccessStatusCode)
                {
                    Failed(backend, $"health probe answered HTTP {(int)health.StatusCode}");
                    return;
                }
            }
            if (backend.Circuit != CircuitState.Closed && backend.IsAvailable)
            {
                backend.RecordSuccess();
            }
            if (!backend.HasEngineMetrics)
            {
                return;
            }
            using var metrics = await upstream.Invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, backend.BaseUrl + "/metrics"), timeout.Token);
            if (metrics.IsSuccessStatusCode)
            {
                var previous = _ttft.GetValueOrDefault(backend.Name);
                var (load, sum, count) = EngineMetricsParser.Parse(await metrics.Content.ReadAsStringAsync(timeout.Token), previous.Sum, previous.Count);
                _ttft[backend.Name] = (sum, count);
                backend.Load = load;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Failed(backend, "health probe failed: " + ex.Message);
        }
    }

    private void Failed(BackendState backend, string reason)
    {
        var wasClosed = backend.Circuit == CircuitState.Closed;
        backend.RecordFailure(reason, threshold: 1, TimeSpan.FromSeconds(options.Value.CircuitOpenSeconds));
        if (wasClosed)
        {
            Log.ProbeFailed(logger, backend.Name, reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend} is down: {Reason}")]
        public static partial void ProbeFailed(ILogger logger, string backend, string reason);
    }
}
