namespace HybridInference.Bench.Load;

/// <summary>
/// Measures every cell: first every target is checked and brought to its steady state (pre-warm), then for each mode
/// and concurrency every target in turn (so targets of one cell run minutes apart at most): warm up, then wrk with the
/// proxy's CPU time read around it, then the first-byte probe.
/// </summary>
internal sealed class BenchRunner(BenchPlan plan, Wrk wrk, TargetClient client, TextWriter log)
{
    private const int PrewarmConcurrency = 16;

    public async Task<IReadOnlyList<CellResult>> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var target in plan.Targets)
        {
            foreach (var mode in Enum.GetValues<ResponseMode>())
            {
                await client.CheckAsync(target, mode, cancellationToken);
                if (plan.PrewarmSeconds > 0)
                {
                    await wrk.RunAsync(target, mode, PrewarmConcurrency, plan.PrewarmSeconds, cancellationToken);
                }
            }
        }

        var results = new List<CellResult>();
        foreach (var mode in Enum.GetValues<ResponseMode>())
        {
            foreach (var concurrency in plan.Concurrencies)
            {
                foreach (var target in plan.Targets)
                {
                    results.Add(await MeasureAsync(target, mode, concurrency, cancellationToken));
                }
            }
        }
        return results;
    }

    private async Task<CellResult> MeasureAsync(BenchTarget target, ResponseMode mode, int concurrency, CancellationToken cancellationToken)
    {
        await wrk.RunAsync(target, mode, concurrency, plan.WarmupSeconds, cancellationToken);

        var cpuBefore = ProcessCpu.OfTree(target.Pid);
        var measured = await wrk.RunAsync(target, mode, concurrency, plan.DurationSeconds, cancellationToken);
        var cpu = ProcessCpu.OfTree(target.Pid) - cpuBefore;

        FirstByteResult? firstByte = null;
        if (mode == ResponseMode.Stream && plan.FirstByteSeconds > 0)
        {
            firstByte = await client.ProbeFirstByteAsync(target, concurrency, TimeSpan.FromSeconds(plan.FirstByteSeconds), cancellationToken);
        }

        var cell = new CellResult(target.Name, mode, concurrency, measured, cpu, firstByte);
        log.WriteLine($"{mode,-6} c={concurrency,-3} {target.Name,-12} {measured.RequestsPerSecond,9:F0} req/s  p50 {cell.P50Ms,7:F3} ms  " +
            $"p99 {cell.P99Ms,7:F3} ms  cpu {cell.CpuUsPerRequest,7:F1} us/req  errors {measured.Errors}" +
            (firstByte is null ? "" : $"  ttfb p50 {firstByte.P50FirstByteMs:F3} ms"));
        return cell;
    }
}
