using HybridInference.Simulator.Faults;
using HybridInference.Simulator.Metrics;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// What every inference request goes through once it is valid: wait for a running slot, stall when the engine
/// hangs, then spend the prefill time before the first token.
/// </summary>
internal sealed class InferenceEngine(RequestScheduler scheduler, FaultState faults, EngineMetrics metrics, TimeProvider time, ILogger<InferenceEngine> logger)
{
    public TimeProvider Time => time;

    public ILogger Logger => logger;

    public FaultSettings Conditions => faults.Current;

    public ModelMetrics MetricsFor(int model) => metrics.For(model);

    /// <summary>Takes a slot and waits until the first token is due; the caller disposes the lease when done.</summary>
    public async ValueTask<SlotLease> StartAsync(int model, int promptTokens, CancellationToken cancellationToken)
    {
        var lease = await scheduler.AcquireAsync(model, cancellationToken);
        try
        {
            var conditions = faults.Current;
            if (conditions.Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
            }
            if (conditions.TimeToFirstTokenMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(conditions.TimeToFirstTokenMs), time, cancellationToken);
            }
            metrics.For(model).AddPromptTokens(promptTokens);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
