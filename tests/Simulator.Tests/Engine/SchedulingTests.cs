using System.Net;
using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Engine;

public sealed class SchedulingTests
{
    [Fact]
    public async Task Requests_beyond_max_concurrency_wait_in_line_and_start_when_a_slot_frees()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:MaxConcurrency"] = "1" });
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { hang = true });
        using var cancelFirst = new CancellationTokenSource();

        var first = client.PostJsonAsync("/v1/chat/completions", ChatBody("first"), cancelFirst.Token);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 1, "the first request runs");
        var second = client.PostJsonAsync("/v1/chat/completions", ChatBody("second"));
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_waiting") == 1, "the second request waits");
        Assert.Equal(1, await client.MetricAsync("vllm:gpu_cache_usage_perc"));

        // Lift the hang, then let the first client walk away: its slot goes to the waiting request.
        using (await client.DeleteAsync("/admin/faults"))
        {
        }
        await cancelFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        using var answered = await second;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(64, (await answered.ReadJsonAsync()).Usage("completion_tokens"));
        Assert.Equal(0, await client.MetricAsync("vllm:num_requests_waiting"));
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 0, "both slots are free");
    }

    [Fact]
    public async Task Raising_max_concurrency_at_run_time_starts_waiting_requests()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:MaxConcurrency"] = "1" });
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { hang = true });
        using var cancel = new CancellationTokenSource();

        var first = client.PostJsonAsync("/v1/chat/completions", ChatBody("first"), cancel.Token);
        var second = client.PostJsonAsync("/v1/chat/completions", ChatBody("second"), cancel.Token);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_waiting") == 1, "one request waits");
        await client.SetFaultsAsync(new { max_concurrency = 2 });
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 2, "both run");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 0, "the slots are free");
    }

    [Fact]
    public async Task Client_leaving_a_queue_gives_up_its_place()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:MaxConcurrency"] = "1" });
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { hang = true });
        using var cancelFirst = new CancellationTokenSource();
        using var cancelQueued = new CancellationTokenSource();

        var first = client.PostJsonAsync("/v1/chat/completions", ChatBody("first"), cancelFirst.Token);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 1, "the first request runs");
        var queued = client.PostJsonAsync("/v1/chat/completions", ChatBody("queued"), cancelQueued.Token);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_waiting") == 1, "a request waits");
        await cancelQueued.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_waiting") == 0, "the queue is empty");
        Assert.Equal(1, await client.MetricAsync("vllm:num_requests_running"));
        await cancelFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }
}
