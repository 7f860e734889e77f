using System.Text;

namespace HybridInference.Classifier.Bench;

/// <summary>Collects measurements and prints them as the Markdown table that goes into BENCHMARKS.md.</summary>
internal sealed class BenchReport
{
    private readonly List<(string What, string Value, string Target)> _rows = [];

    public void Latency(string what, List<double> microseconds, string target)
    {
        microseconds.Sort();
        var p50 = microseconds[microseconds.Count / 2];
        var p99 = microseconds[(int)(microseconds.Count * 0.99)];
        var value = $"p50 {p50 / 1000:F3} ms · p99 {p99 / 1000:F3} ms (n={microseconds.Count})";
        _rows.Add((what, value, target));
        Console.WriteLine($"{what}: {value}");
    }

    public void Throughput(string what, int texts, TimeSpan elapsed, string target)
    {
        var value = $"{texts / elapsed.TotalSeconds:N0} texts/s ({texts} texts in {elapsed.TotalSeconds:F2} s)";
        _rows.Add((what, value, target));
        Console.WriteLine($"{what}: {value}");
    }

    public void Share(string what, string value)
    {
        _rows.Add((what, value, "—"));
        Console.WriteLine($"{what}: {value}");
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| measurement | result | target |");
        sb.AppendLine("|---|---|---|");
        foreach (var (what, value, target) in _rows)
        {
            sb.AppendLine($"| {what} | {value} | {target} |");
        }
        return sb.ToString();
    }
}
