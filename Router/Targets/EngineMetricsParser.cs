using System.Globalization;

namespace HybridInference.Router.Targets;

/// <summary>Reads the few vLLM gauges spill-over needs from a Prometheus text page, summed over label sets.</summary>
internal static class EngineMetricsParser
{
    /// <summary>The load on the page, or null when it carries no vLLM metrics; TTFT is the mean since <paramref name="previous"/>.</summary>
    public static (EngineLoad? Load, double TtftSum, double TtftCount) Parse(string page, double previousSum, double previousCount)
    {
        double waiting = 0, running = 0, kv = 0, ttftSum = 0, ttftCount = 0;
        var found = false;
        foreach (var raw in page.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }
            var nameEnd = line.IndexOfAny('{', ' ');
            if (nameEnd <= 0)
            {
                continue;
            }
            var name = line[..nameEnd];
            var valueStart = line.LastIndexOf(' ');
            if (valueStart < 0 || !double.TryParse(line[(valueStart + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            switch (name)
            {
                case "vllm:num_requests_waiting":
                    waiting += value;
                    found = true;
                    break;
                case "vllm:num_requests_running":
                    running += value;
                    found = true;
                    break;
                case "vllm:kv_cache_usage_perc" or "vllm:gpu_cache_usage_perc":
                    kv = Math.Max(kv, value);
                    found = true;
                    break;
                case "vllm:time_to_first_token_seconds_sum":
                    ttftSum += value;
                    break;
                case "vllm:time_to_first_token_seconds_count":
                    ttftCount += value;
                    break;
            }
        }
        if (!found)
        {
            return (null, ttftSum, ttftCount);
        }
        double? ttft = ttftCount > previousCount ? (ttftSum - previousSum) / (ttftCount - previousCount) : null;
        return (new EngineLoad(waiting, running, kv, ttft), ttftSum, ttftCount);
    }
}
