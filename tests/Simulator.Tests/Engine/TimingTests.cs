using System.Net;
using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Engine;

/// <summary>Prefill time, decode speed and added latency, on a clock the test moves by hand.</summary>
public sealed class TimingTests
{
    [Fact]
    public async Task First_token_waits_for_the_prefill_time_and_is_measured_as_ttft()
    {
        var time = new ObservableTimeProvider();
        await using var factory = new SimulatorFactory(new() { ["Simulator:TimeToFirstTokenMs"] = "40" }, time);
        var client = factory.CreateClient();

        var response = client.PostJsonAsync("/v1/chat/completions", ChatBody("prefill me", maxTokens: 4));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(40));
        Assert.False(response.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(40));
        using var answered = await response;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var page = await client.GetStringAsync("/metrics");
        Assert.Contains("vllm:time_to_first_token_seconds_bucket{model_name=\"test-model\",le=\"0.02\"} 0\n", page);
        Assert.Contains("vllm:time_to_first_token_seconds_bucket{model_name=\"test-model\",le=\"0.04\"} 1\n", page);
        Assert.Contains("vllm:time_to_first_token_seconds_sum{model_name=\"test-model\"} 0.04\n", page);
    }

    [Fact]
    public async Task Stream_is_paced_at_tokens_per_second_and_sends_each_token_when_due()
    {
        var time = new ObservableTimeProvider();
        await using var factory = new SimulatorFactory(new() { ["Simulator:TokensPerSecond"] = "10" }, time);
        var client = factory.CreateClient();

        using var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody("pace me", maxTokens: 3, stream: true));
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);

        // The role chunk and the first token arrive before the clock moves; the next token is due 100 ms later.
        Assert.Contains("\"role\":\"assistant\"", await NextEventAsync(reader));
        Assert.Contains("\"content\":", await NextEventAsync(reader));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Contains("\"content\":", await NextEventAsync(reader));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Contains("\"content\":", await NextEventAsync(reader));
        Assert.Contains("\"finish_reason\":\"length\"", await NextEventAsync(reader));
        Assert.Equal("data: [DONE]", await NextEventAsync(reader));
    }

    [Fact]
    public async Task Whole_answer_waits_for_all_its_tokens_to_be_decoded()
    {
        var time = new ObservableTimeProvider();
        await using var factory = new SimulatorFactory(new() { ["Simulator:TokensPerSecond"] = "10" }, time);
        var client = factory.CreateClient();

        var response = client.PostJsonAsync("/v1/chat/completions", ChatBody("all at once", maxTokens: 5));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(400));
        Assert.False(response.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(400));

        using var answered = await response;
        Assert.Equal(5, (await answered.ReadJsonAsync()).Usage("completion_tokens"));
    }

    [Fact]
    public async Task Added_latency_delays_requests_without_holding_a_slot()
    {
        var time = new ObservableTimeProvider();
        await using var factory = new SimulatorFactory(time: time);
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { added_latency_ms = 250 });

        var response = client.PostJsonAsync("/v1/chat/completions", ChatBody("slow network"));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(250));
        Assert.Equal(0, await client.MetricAsync("vllm:num_requests_running"));
        Assert.False(response.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(250));

        using var answered = await response;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Client_leaving_mid_stream_stops_generation_and_frees_the_slot()
    {
        var time = new ObservableTimeProvider();
        await using var factory = new SimulatorFactory(new() { ["Simulator:TokensPerSecond"] = "10" }, time);
        var client = factory.CreateClient();
        using var cancel = new CancellationTokenSource();

        var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody("I will leave", stream: true), cancel.Token);
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token)))
        {
            await NextEventAsync(reader);
            await NextEventAsync(reader);
            await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(100));
            Assert.Equal(1, await client.MetricAsync("vllm:num_requests_running"));
            await cancel.CancelAsync();
            response.Dispose();
        }

        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 0, "the slot is free");
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:generation_tokens_total") == 1, "only the sent token is metered");
        Assert.Equal(0, await client.MetricAsync("vllm:e2e_request_latency_seconds_count"));
    }

    private static async Task<string> NextEventAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                return line;
            }
        }
        throw new Xunit.Sdk.XunitException("The stream ended early.");
    }
}
