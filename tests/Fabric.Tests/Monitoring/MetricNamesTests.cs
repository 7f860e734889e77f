using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Fabric.Tests.Monitoring;

/// <summary>
/// The dashboard and the alerts query only what the fabric really exports: after traffic that touches each kind of
/// series (streams, auto, embeddings, a budgeted key, a failing and a missing engine), every service's <c>/metrics</c>
/// is scraped and each metric name of the dashboard JSON and the alert rules must be among them.
/// </summary>
[Collection(FabricCollection.Name)]
public sealed partial class MetricNamesTests(FabricFixture fabric)
{
    // Series Prometheus makes itself for every target and every alert.
    private static readonly string[] PrometheusOwn = ["up", "ALERTS", "ALERTS_FOR_STATE"];

    [Fact]
    public async Task Every_metric_the_dashboard_and_the_alerts_use_is_exported_by_a_service()
    {
        await MakeTrafficAsync();

        var exported = await ScrapeEverythingAsync();
        var (rules, recorded) = PromQlNames.Rules();
        var used = PromQlNames.DashboardExpressions().Concat(rules)
            .SelectMany(e => PromQlNames.Of(e.Expression).Select(name => (e.File, Name: name)))
            .Where(u => !PrometheusOwn.Contains(u.Name) && !recorded.Contains(u.Name))
            .Distinct().ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !exported.Contains(u.Name)).Select(u => $"{u.Name} (in {u.File})").ToList();
        Assert.True(missing.Count == 0, "Not exported by any service: " + string.Join(", ", missing) +
            "\nExported: " + string.Join(" ", exported.Where(n => n.StartsWith("hybrid", StringComparison.Ordinal) || n.StartsWith("vllm", StringComparison.Ordinal)).Order()));
    }

    [Theory]
    [InlineData("sum by (le) (rate(hybrid_router_request_duration_milliseconds_bucket{status=~\"5..\"}[5m]))", "hybrid_router_request_duration_milliseconds_bucket")]
    [InlineData("max by (model_name) (vllm:kv_cache_usage_perc) or max(vllm:gpu_cache_usage_perc) > 0.9", "vllm:kv_cache_usage_perc vllm:gpu_cache_usage_perc")]
    [InlineData("up{job=\"router\"} == 0 or absent(up{job=\"router\"})", "up up")]
    [InlineData("increase(hybrid_router_cost_total[$__range]) * 1e3", "hybrid_router_cost_total")]
    public void Metric_names_are_read_out_of_promql(string expression, string names) =>
        Assert.Equal(names.Split(' '), PromQlNames.Of(expression));

    private async Task MakeTrafficAsync()
    {
        using var router = fabric.CreateRouterClient();
        using var control = fabric.CreateAdminClient();
        await SucceedAsync(router, "/v1/chat/completions", new { model = "llama-3.1-8b-instruct", max_tokens = 4, messages = Say("hello") });
        await SucceedAsync(router, "/v1/chat/completions", new { model = "qwen2.5-coder-7b-instruct", max_tokens = 4, stream = true, messages = Say("stream") });
        await SucceedAsync(router, "/v1/chat/completions", new { model = "auto", max_tokens = 4, messages = Say("Write a Python quicksort") });
        await SucceedAsync(router, "/v1/embeddings", new { model = "bge-m3", input = "embed me" });

        // A key with a budget, so its share of the budget is counted.
        using var created = await control.PostAsJsonAsync("/v1/admin/keys", new { customer_id = "dev", name = "budgeted", monthly_budget = 5 });
        var secret = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        using (var budgeted = await ControlPlaneTests.SendChatAsync(router, secret, "llama-3.1-8b-instruct"))
        {
            Assert.Equal(HttpStatusCode.OK, budgeted.StatusCode);
        }

        // An engine that fails its requests (fallbacks), then one that is gone (open circuit, spill-over to remote).
        using var engine = fabric.App.CreateHttpClient("vllm-general", "http");
        try
        {
            (await engine.PostAsJsonAsync("/admin/faults", new { error_rate = 1.0, error_status = 503 })).EnsureSuccessStatusCode();
            await SucceedAsync(router, "/v1/chat/completions", new { model = "llama-3.1-8b-instruct", max_tokens = 4, messages = Say("fall back") });
            (await engine.PostAsJsonAsync("/admin/faults", new { down = true })).EnsureSuccessStatusCode();
            await ControlPlaneTests.PollAsync(async () =>
            {
                using var response = await ControlPlaneTests.SendChatAsync(router, fabric.DevKey, "llama-3.1-8b-instruct");
                return await ScrapeAsync("router") is var names && names.Contains("hybrid_router_spillovers_total") ? "spilled" : null;
            });
        }
        finally
        {
            (await engine.DeleteAsync("/admin/faults")).EnsureSuccessStatusCode();
        }
        // Later tests want the engine back in the Router's rotation.
        await ControlPlaneTests.PollAsync(async () =>
        {
            using var response = await ControlPlaneTests.SendChatAsync(router, fabric.DevKey, "llama-3.1-8b-instruct");
            return response.Headers.TryGetValues("x-hybrid-backend", out var backend) && backend.First() == "vllm-general" ? "back" : null;
        });
    }

    private static object[] Say(string text) => [new { role = "user", content = text }];

    private static async Task SucceedAsync(HttpClient router, string path, object body)
    {
        using var response = await router.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
    }

    // Every service of the fabric is a project resource; each must serve /metrics.
    private async Task<HashSet<string>> ScrapeEverythingAsync()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in fabric.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>())
        {
            names.UnionWith(await ScrapeAsync(project.Name));
        }
        return names;
    }

    private async Task<HashSet<string>> ScrapeAsync(string resource)
    {
        using var client = fabric.App.CreateHttpClient(resource, "http");
        using var response = await client.GetAsync("/metrics");
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{resource}/metrics: {(int)response.StatusCode}");
        return SampleName().Matches(page).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", RegexOptions.Multiline)]
    private static partial Regex SampleName();
}
