namespace HybridInference.Simulator.Metrics;

/// <summary>A Prometheus histogram of seconds: per-bucket counts, a sum and a count.</summary>
internal sealed class LatencyHistogram(double[] upperBounds)
{
    private readonly Lock _gate = new();
    private readonly long[] _counts = new long[upperBounds.Length + 1];
    private double _sum;
    private long _count;

    public IReadOnlyList<double> UpperBounds => upperBounds;

    public void Observe(double seconds)
    {
        var bucket = 0;
        while (bucket < upperBounds.Length && seconds > upperBounds[bucket])
        {
            bucket++;
        }
        lock (_gate)
        {
            _counts[bucket]++;
            _sum += seconds;
            _count++;
        }
    }

    /// <summary>Cumulative bucket counts (the last is <c>+Inf</c>), sum and count, read together.</summary>
    public (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        var cumulative = new long[_counts.Length];
        lock (_gate)
        {
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }
            return (cumulative, _sum, _count);
        }
    }
}
