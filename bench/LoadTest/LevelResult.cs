namespace HybridInference.LoadTest;

/// <summary>What one concurrency level of one target measured.</summary>
internal sealed record LevelResult(
    string Target, int Concurrency, int Requests, int Errors, double Seconds, double RequestsPerSecond,
    double PromptTokensPerSecond, double GenerationTokensPerSecond,
    double TtftP50Ms, double TtftP95Ms, double LatencyP50Ms, double LatencyP95Ms, string ErrorKinds)
{
    public static LevelResult From(string target, int concurrency, IReadOnlyList<RequestSample> samples, double seconds)
    {
        var ok = samples.Where(s => s.Succeeded).ToList();
        var ttft = ok.Select(s => s.TimeToFirstTokenMs).Order().ToArray();
        var latency = ok.Select(s => s.LatencyMs).Order().ToArray();
        return new LevelResult(target, concurrency, samples.Count, samples.Count - ok.Count, seconds, ok.Count / seconds,
            ok.Sum(s => s.PromptTokens) / seconds, ok.Sum(s => s.CompletionTokens) / seconds,
            Percentile(ttft, 0.50), Percentile(ttft, 0.95), Percentile(latency, 0.50), Percentile(latency, 0.95),
            string.Join("; ", samples.Where(s => s.Error is not null).GroupBy(s => s.Error).Select(g => $"{g.Count()}× {g.Key}")));
    }

    // Nearest rank on sorted values; NaN when nothing succeeded.
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
