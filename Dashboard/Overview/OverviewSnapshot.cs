using HybridInference.Dashboard.Fabric;

namespace HybridInference.Dashboard.Overview;

/// <summary>The overview's figures over the sampled window: time series per bucket and shares of traffic.</summary>
internal sealed record OverviewSnapshot(
    IReadOnlyList<DateTimeOffset> BucketStarts,
    IReadOnlyList<double?> RequestsPerSecond,
    IReadOnlyList<double?> LatencyP50Ms,
    IReadOnlyList<double?> LatencyP95Ms,
    IReadOnlyList<double?> TimeToFirstTokenP50Ms,
    IReadOnlyList<double?> TokensPerSecond,
    IReadOnlyList<double?> ErrorRate,
    IReadOnlyList<Share> ByCategory,
    IReadOnlyList<Share> ByModel,
    IReadOnlyList<Share> ByBackend,
    IReadOnlyList<Share> ByLocality,
    int Requests,
    int Spillovers,
    int Fallbacks)
{
    /// <summary>Width of one chart point.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);

    public static OverviewSnapshot From(List<RoutingDecision> decisions, IReadOnlyDictionary<string, bool> localBackends, DateTimeOffset now, TimeSpan window)
    {
        var count = (int)(window / Bucket);
        var firstStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Bucket.Ticks, TimeSpan.Zero) - Bucket * (count - 1);
        var buckets = new List<RoutingDecision>[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = [];
        }
        foreach (var decision in decisions)
        {
            var index = (int)((decision.Timestamp - firstStart) / Bucket);
            if (index >= 0 && index < count)
            {
                buckets[index].Add(decision);
            }
        }
        var seconds = Bucket.TotalSeconds;
        return new OverviewSnapshot(
            [.. Enumerable.Range(0, count).Select(i => firstStart + Bucket * i)],
            [.. buckets.Select(b => (double?)(b.Count / seconds))],
            [.. buckets.Select(b => Percentile(b.Select(d => d.LatencyMs), 0.5))],
            [.. buckets.Select(b => Percentile(b.Select(d => d.LatencyMs), 0.95))],
            [.. buckets.Select(b => Percentile(b.Where(d => d.TimeToFirstTokenMs is not null).Select(d => d.TimeToFirstTokenMs!.Value), 0.5))],
            [.. buckets.Select(b => (double?)(b.Sum(d => d.PromptTokens + d.CompletionTokens) / seconds))],
            [.. buckets.Select(b => b.Count == 0 ? null : (double?)b.Count(d => !d.Succeeded) / b.Count)],
            Share.Of(decisions, d => d.Category ?? "(explicit model)"),
            Share.Of(decisions, d => d.ServedModel ?? d.RequestedModel),
            Share.Of(decisions, d => d.Backend ?? "(none)"),
            Share.Of(decisions, d => d.Backend is null ? "not served" : localBackends.TryGetValue(d.Backend, out var local) && local ? "local" : "remote"),
            decisions.Count,
            decisions.Count(d => d.Spillover),
            decisions.Count(d => d.FallbackCount > 0));
    }

    private static double? Percentile(IEnumerable<double> values, double rank)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(rank * sorted.Count) - 1)];
    }
}

/// <summary>One slice of traffic: its label, how many requests, and their fraction of all.</summary>
public sealed record Share(string Label, int Count, double Fraction)
{
    internal static List<Share> Of(List<RoutingDecision> decisions, Func<RoutingDecision, string> label) =>
        [.. decisions.GroupBy(label).Select(g => new Share(g.Key, g.Count(), (double)g.Count() / decisions.Count)).OrderByDescending(s => s.Count).ThenBy(s => s.Label)];
}
