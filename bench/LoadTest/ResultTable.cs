using System.Globalization;
using System.Text;

namespace HybridInference.LoadTest;

/// <summary>The results as text: a console table, CSV, JSON-ready rows and a Markdown file for BENCHMARKS.md.</summary>
internal static class ResultTable
{
    private static readonly string[] Columns =
        ["target", "concurrency", "requests", "errors", "req/s", "prompt tok/s", "gen tok/s", "TTFT p50 ms", "TTFT p95 ms", "latency p50 ms", "latency p95 ms"];

    private static string[] Cells(LevelResult r) =>
    [
        r.Target, N(r.Concurrency), N(r.Requests), N(r.Errors), F(r.RequestsPerSecond, 1), F(r.PromptTokensPerSecond, 0),
        F(r.GenerationTokensPerSecond, 0), F(r.TtftP50Ms, 1), F(r.TtftP95Ms, 1), F(r.LatencyP50Ms, 1), F(r.LatencyP95Ms, 1),
    ];

    public static string Console(IReadOnlyList<LevelResult> results)
    {
        var rows = results.Select(Cells).Prepend(Columns).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
        }
        foreach (var r in results.Where(r => r.Errors > 0))
        {
            text.AppendLine($"errors of {r.Target} at c={r.Concurrency}: {r.ErrorKinds}");
        }
        return text.ToString();
    }

    public static string Csv(IReadOnlyList<LevelResult> results) =>
        string.Join('\n', results.Select(r => string.Join(',', Cells(r))).Prepend(string.Join(',', Columns))) + "\n";

    /// <summary>One table of every level, then — when a baseline (the last target) ran too — each other target's share of TTFT.</summary>
    public static string Markdown(IReadOnlyList<LevelResult> results, LoadTestOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine($"Streamed chat, {options.MaxTokens} completion tokens asked, {options.RequestsPerWorker} requests per worker (at least {options.MinRequests} per level).");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Columns) + " |");
        text.AppendLine("|" + string.Concat(Columns.Select((_, c) => c == 0 ? " --- |" : " ---: |")));
        foreach (var r in results)
        {
            text.AppendLine("| " + string.Join(" | ", Cells(r)) + " |");
        }
        foreach (var r in results.Where(r => r.Errors > 0))
        {
            text.AppendLine().AppendLine($"Errors of {r.Target} at concurrency {r.Concurrency}: {r.ErrorKinds}.");
        }
        var baseline = options.Targets[^1].Label;
        foreach (var target in options.Targets.SkipLast(1))
        {
            text.AppendLine();
            text.AppendLine($"**{target.Label} vs {baseline}** — what {target.Label} adds to the time to first token (p50), and its share of it:");
            text.AppendLine();
            text.AppendLine($"| concurrency | {target.Label} TTFT p50 ms | {baseline} TTFT p50 ms | added ms | share of TTFT | req/s ratio |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in results.Where(r => r.Target == target.Label))
            {
                if (results.FirstOrDefault(b => b.Target == baseline && b.Concurrency == r.Concurrency) is { } b)
                {
                    var added = r.TtftP50Ms - b.TtftP50Ms;
                    text.AppendLine($"| {r.Concurrency} | {F(r.TtftP50Ms, 1)} | {F(b.TtftP50Ms, 1)} | {F(added, 1)} | {F(100 * added / r.TtftP50Ms, 1)}% | {F(r.RequestsPerSecond / b.RequestsPerSecond, 2)} |");
                }
            }
        }
        return text.ToString();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, int digits) => double.IsNaN(value) ? "-" : value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
