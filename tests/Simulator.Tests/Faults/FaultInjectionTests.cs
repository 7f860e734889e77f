using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Error_rate_fails_a_repeatable_share_of_requests_with_openai_errors()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:Seed"] = "7" });
        var client = factory.CreateClient();

        await client.SetFaultsAsync(new { error_rate = 0.5, error_status = 503 });
        var firstRun = await StatusesAsync(client, 30);
        await client.SetFaultsAsync(new { error_rate = 0.5, error_status = 503 });
        var secondRun = await StatusesAsync(client, 30);

        Assert.Equal(firstRun, secondRun);
        Assert.Contains(HttpStatusCode.OK, firstRun);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, firstRun);
        Assert.DoesNotContain(firstRun, status => status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public async Task Error_rate_one_fails_every_inference_call_but_not_the_model_list()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { error_rate = 1, error_status = 429 });

        using var chat = await client.PostJsonAsync("/v1/chat/completions", ChatBody("hi"));
        using var models = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.TooManyRequests, chat.StatusCode);
        var error = (await chat.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("injected_fault", error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Fact]
    public async Task Down_answers_503_everywhere_and_health_is_unhealthy_until_cleared()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { down = true });

        using (var chat = await client.PostJsonAsync("/v1/chat/completions", ChatBody("hi")))
        using (var models = await client.GetAsync("/v1/models"))
        using (var health = await client.GetAsync("/health"))
        using (var alive = await client.GetAsync("/alive"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
            Assert.Equal("engine_down", (await chat.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, models.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        using var cleared = await client.DeleteAsync("/admin/faults");
        Assert.False((await cleared.ReadJsonAsync()).GetProperty("down").GetBoolean());
        using var healthAgain = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthAgain.StatusCode);
    }

    [Fact]
    public async Task Hang_holds_the_request_until_the_client_cancels_and_then_frees_the_slot()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { hang = true });
        using var cancel = new CancellationTokenSource();

        var hanging = client.PostJsonAsync("/v1/chat/completions", ChatBody("hello?"), cancel.Token);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 1, "the hanging request runs");
        Assert.False(hanging.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:num_requests_running") == 0, "the slot is free");
    }

    [Fact]
    public async Task Cut_stream_breaks_the_connection_after_n_tokens_without_done()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        await client.SetFaultsAsync(new { cut_stream_after_tokens = 3 });

        using var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody("cut me", stream: true, includeUsage: true));
        var stream = await ServerSentEvents.ReadAsync(response);

        Assert.True(stream.Broken);
        Assert.False(stream.Done);
        Assert.Equal(3, stream.ChatDeltas().Count);
        Assert.DoesNotContain(stream.Events, chunk => chunk.GetProperty("choices") is { } choices
            && choices.GetArrayLength() > 0 && choices[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String);
        await Eventually.TrueAsync(async () => await client.MetricAsync("vllm:generation_tokens_total") == 3, "the 3 sent tokens are metered");
    }

    [Fact]
    public async Task Faults_merge_and_can_be_read_back_and_cleared()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:TimeToFirstTokenMs"] = "40", ["Simulator:MaxConcurrency"] = "8" });
        var client = factory.CreateClient();

        await client.SetFaultsAsync(new { error_rate = 0.25, cut_stream_after_tokens = 5 });
        await client.SetFaultsAsync(new { hang = true, max_concurrency = 2, tokens_per_second = 50 });
        var merged = await client.GetFromJsonAsync<JsonElement>("/admin/faults");

        Assert.Equal(0.25, merged.GetProperty("error_rate").GetDouble());
        Assert.Equal(5, merged.GetProperty("cut_stream_after_tokens").GetInt32());
        Assert.True(merged.GetProperty("hang").GetBoolean());
        Assert.Equal(2, merged.GetProperty("max_concurrency").GetInt32());
        Assert.Equal(50, merged.GetProperty("tokens_per_second").GetDouble());
        Assert.Equal(40, merged.GetProperty("time_to_first_token_ms").GetDouble());

        await client.SetFaultsAsync(new { cut_stream_after_tokens = (int?)null });
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>("/admin/faults")).GetProperty("cut_stream_after_tokens").ValueKind);

        using var cleared = await client.DeleteAsync("/admin/faults");
        var defaults = await cleared.ReadJsonAsync();
        Assert.Equal(0, defaults.GetProperty("error_rate").GetDouble());
        Assert.False(defaults.GetProperty("hang").GetBoolean());
        Assert.Equal(8, defaults.GetProperty("max_concurrency").GetInt32());
        Assert.Equal(0, defaults.GetProperty("tokens_per_second").GetDouble());
    }

    [Theory]
    [InlineData("""{"error_rate":1.5}""", "error_rate")]
    [InlineData("""{"error_status":200}""", "error_status")]
    [InlineData("""{"max_concurrency":0}""", "max_concurrency")]
    [InlineData("""{"down":"yes"}""", "down")]
    [InlineData("""{"explode":true}""", "explode")]
    public async Task Invalid_fault_settings_are_refused_with_a_validation_problem(string body, string field)
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();

        using var response = await client.PostAsync("/admin/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/admin/faults")).GetProperty("down").GetBoolean());
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody($"request {i}", maxTokens: 2));
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }
}
