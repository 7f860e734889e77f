namespace HybridInference.Simulator.Metrics;

/// <summary>The counters and histograms vLLM keeps for one served model.</summary>
internal sealed class ModelMetrics
{
    // vLLM's own bucket bounds, so dashboards built for vLLM read the same.
    private static readonly double[] TimeToFirstTokenBuckets =
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0];

    private static readonly double[] EndToEndBuckets =
        [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0];

    private long _promptTokens;
    private long _generationTokens;

    public LatencyHistogram TimeToFirstToken { get; } = new(TimeToFirstTokenBuckets);

    public LatencyHistogram EndToEnd { get; } = new(EndToEndBuckets);

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long GenerationTokens => Interlocked.Read(ref _generationTokens);

    public void AddPromptTokens(int tokens) => Interlocked.Add(ref _promptTokens, tokens);

    public void AddGenerationTokens(int tokens) => Interlocked.Add(ref _generationTokens, tokens);
}
