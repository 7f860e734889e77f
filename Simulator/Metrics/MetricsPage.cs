using System.Globalization;
using System.Text;
using HybridInference.Simulator.Engine;

namespace HybridInference.Simulator.Metrics;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format with vLLM's metric names and <c>model_name</c> label, so the
/// Router's load-aware routing and vLLM dashboards read a Simulator exactly like a vLLM engine.
/// </summary>
internal static class MetricsPage
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapVllmMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (ModelCatalog models, RequestScheduler scheduler, EngineMetrics metrics) =>
            TypedResults.Text(Render(models, scheduler, metrics), ContentType));
        return app;
    }

    internal static string Render(ModelCatalog models, RequestScheduler scheduler, EngineMetrics metrics)
    {
        var text = new StringBuilder(4096);
        var names = models.Names;
        var labels = new string[names.Count];
        var load = new (int Running, int Waiting, int RunningTotal)[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            labels[i] = $"model_name=\"{Escape(names[i])}\"";
            load[i] = scheduler.Snapshot(i);
        }

        Scalars(text, "vllm:num_requests_running", "gauge", "Number of requests running on the engine.", labels, i => load[i].Running);
        Scalars(text, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.", labels, i => load[i].Waiting);
        // vLLM renamed the KV-cache gauge (kv_cache_usage_perc since v0.10); both names are written, so dashboards and
        // Routers built for either version read a Simulator.
        double KvCacheUsage(int i) => Math.Min(1.0, (double)load[i].RunningTotal / scheduler.Capacity);
        Scalars(text, "vllm:kv_cache_usage_perc", "gauge", "KV-cache usage (1 means 100 percent), simulated as running requests over slots.",
            labels, KvCacheUsage);
        Scalars(text, "vllm:gpu_cache_usage_perc", "gauge", "KV-cache usage under its name before vLLM v0.10 (same value).", labels, KvCacheUsage);
        Scalars(text, "vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.", labels, i => metrics.For(i).PromptTokens);
        Scalars(text, "vllm:generation_tokens_total", "counter", "Number of generation tokens processed.", labels, i => metrics.For(i).GenerationTokens);
        Histograms(text, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", labels, i => metrics.For(i).TimeToFirstToken);
        Histograms(text, "vllm:e2e_request_latency_seconds", "Histogram of end to end request latency in seconds.", labels, i => metrics.For(i).EndToEnd);
        return text.ToString();
    }

    private static void Scalars(StringBuilder text, string name, string type, string help, string[] labels, Func<int, double> value)
    {
        Family(text, name, type, help);
        for (var i = 0; i < labels.Length; i++)
        {
            Sample(text, name, labels[i], value(i));
        }
    }

    private static void Histograms(StringBuilder text, string name, string help, string[] labels, Func<int, LatencyHistogram> histogram)
    {
        Family(text, name, "histogram", help);
        for (var i = 0; i < labels.Length; i++)
        {
            var (cumulative, sum, count) = histogram(i).Snapshot();
            var bounds = histogram(i).UpperBounds;
            for (var b = 0; b < cumulative.Length; b++)
            {
                var le = b < bounds.Count ? Format(bounds[b]) : "+Inf";
                text.Append(name).Append("_bucket{").Append(labels[i]).Append(",le=\"").Append(le).Append("\"} ")
                    .Append(cumulative[b].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            Sample(text, name + "_sum", labels[i], sum);
            Sample(text, name + "_count", labels[i], count);
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(Format(value)).Append('\n');

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
