using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Metrics;

public sealed class MetricsPageTests
{
    [Fact]
    public async Task Metrics_page_speaks_vllm_and_counts_a_request()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();

        using var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody("count me", maxTokens: 6));
        var completion = await response.ReadJsonAsync();
        using var page = await client.GetAsync("/metrics");
        var text = await page.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", page.Content.Headers.ContentType?.MediaType);
        foreach (var family in new[]
                 {
                     "vllm:num_requests_running gauge", "vllm:num_requests_waiting gauge", "vllm:gpu_cache_usage_perc gauge",
                     "vllm:kv_cache_usage_perc gauge",
                     "vllm:time_to_first_token_seconds histogram", "vllm:e2e_request_latency_seconds histogram",
                     "vllm:prompt_tokens_total counter", "vllm:generation_tokens_total counter",
                 })
        {
            Assert.Contains("# TYPE " + family + "\n", text);
        }
        Assert.Contains("vllm:time_to_first_token_seconds_bucket{model_name=\"test-model\",le=\"+Inf\"} 1\n", text);
        Assert.Contains("vllm:e2e_request_latency_seconds_count{model_name=\"test-model\"} 1\n", text);
        Assert.Equal(completion.Usage("prompt_tokens"), await client.MetricAsync("vllm:prompt_tokens_total"));
        Assert.Equal(6, await client.MetricAsync("vllm:generation_tokens_total"));
        Assert.Equal(0, await client.MetricAsync("vllm:num_requests_running"));
        Assert.Equal(await client.MetricAsync("vllm:gpu_cache_usage_perc"), await client.MetricAsync("vllm:kv_cache_usage_perc"));
    }

    [Fact]
    public async Task Every_served_model_has_its_own_series()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:Models:1"] = "second-model" });
        var client = factory.CreateClient();

        using (await client.PostJsonAsync("/v1/chat/completions", ChatBody("for the second", maxTokens: 2, model: "second-model")))
        {
        }

        Assert.Equal(0, await client.MetricAsync("vllm:generation_tokens_total"));
        Assert.Equal(2, await client.MetricAsync("vllm:generation_tokens_total", "second-model"));
    }
}
