using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Router.Tests.OpenAi;
using HybridInference.Router.Tests.Infrastructure;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Forwarding;

public sealed class FallbackTests : IAsyncLifetime
{
    private TestFabric _fabric = null!;
    private RouterHost _router = null!;

    public async Task InitializeAsync()
    {
        _fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        _router = _fabric.StartRouter();
    }

    public async Task DisposeAsync() => await _fabric.DisposeAsync();

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Failure_before_the_first_byte_falls_back_to_the_next_target(int status)
    {
        _fabric.Alpha.FailWithStatus = status;
        var result = await _router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(FakeBackend.Reply, result.Value.Content[0].Text);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-hybrid-backend", out var backend));
        Assert.Equal("cloud", backend);
        Assert.Single(_fabric.Alpha.Requests);
        var record = await UsageOf(result.GetRawResponse());
        Assert.Equal(1, record.FallbackCount);
        Assert.Equal("cloud", record.Backend);
    }

    [Fact]
    public async Task Stream_falls_back_when_the_first_target_refuses_connections()
    {
        await _fabric.Alpha.KillAsync();
        var text = new StringBuilder();
        await foreach (var update in _router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }
        Assert.Equal(FakeBackend.Reply, text.ToString());
        Assert.Single(_fabric.Cloud.Requests);
    }

    [Fact]
    public async Task When_every_target_fails_the_answer_is_502_naming_what_was_tried()
    {
        _fabric.Alpha.FailWithStatus = 503;
        _fabric.Cloud.FailWithStatus = 500;
        using var http = TestFabric.Raw(_router);
        using var response = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"model":"chat-fast","messages":[{"role":"user","content":"hi"}]}"""));

        var error = await OpenAiApiTests.AssertError(response, HttpStatusCode.BadGateway, "upstream_failed");
        var message = error["message"]!.GetValue<string>();
        Assert.Contains("alpha", message);
        Assert.Contains("cloud (general-model)", message);
        Assert.Contains("cloud (cloud-model)", message);
        Assert.Contains("HTTP 503", message);
    }

    [Fact]
    public async Task Open_circuits_leave_a_503_naming_the_model()
    {
        await _fabric.Beta.KillAsync();
        using var http = TestFabric.Raw(_router);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"model":"coder-model","messages":[{"role":"user","content":"hi"}]}"""));
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }
        using var response = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"model":"coder-model","messages":[{"role":"user","content":"hi"}]}"""));
        var error = await OpenAiApiTests.AssertError(response, HttpStatusCode.ServiceUnavailable, "no_backend_available");
        Assert.Contains("coder-model", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_whose_backend_dies_mid_way_continues_on_the_next_candidate_as_one_stream()
    {
        _fabric.Beta.DieAfterChunks = 4;
        var text = new StringBuilder();
        var ids = new HashSet<string>();
        string? model = null;
        var chat = _router.OpenAi(TestFabric.DevKey).GetChatClient("relay");
        var stream = chat.CompleteChatStreamingAsync([new UserChatMessage("count to ten")]);
        await foreach (var update in stream)
        {
            ids.Add(update.CompletionId);
            model ??= update.Model;
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.Equal(FakeBackend.Reply, text.ToString());
        Assert.Single(ids);
        Assert.Equal("coder-model", model);
        var continuation = _fabric.Alpha.Requests.Single().Body;
        Assert.True(continuation["continue_final_message"]!.GetValue<bool>());
        Assert.False(continuation["add_generation_prompt"]!.GetValue<bool>());
        var assistant = continuation["messages"]!.AsArray()[^1]!;
        Assert.Equal("assistant", assistant["role"]!.GetValue<string>());
        Assert.Equal("one two three four", assistant["content"]!.GetValue<string>());
        Assert.Equal("pair-model", continuation["model"]!.GetValue<string>());

        // Metered for what was really generated: four words by the dead backend, six by the one that finished.
        var record = await Eventually(() => _fabric.Control!.Usage.Values.Select(v => v.Record).SingleOrDefault());
        Assert.Equal(10, record.CompletionTokens);
        Assert.Equal("alpha", record.Backend);
        Assert.Equal(1, record.FallbackCount);
        Assert.Equal(200, record.Status);
        Assert.True(record.Stream);
    }

    [Fact]
    public async Task Stream_whose_backend_crashes_reaches_the_client_whole_with_one_id()
    {
        // Where the Router notices a reset connection depends on what TCP delivered first: before the first byte it
        // falls back, after it continues. Either way the client sees the whole answer once, as one stream.
        _fabric.Beta.DieAfterChunks = 4;
        _fabric.Beta.DieByAbort = true;
        var text = new StringBuilder();
        var ids = new HashSet<string>();
        await foreach (var update in _router.OpenAi(TestFabric.DevKey).GetChatClient("relay").CompleteChatStreamingAsync([new UserChatMessage("count")]))
        {
            ids.Add(update.CompletionId);
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.Equal(FakeBackend.Reply, text.ToString());
        Assert.Single(ids);
        var record = await Eventually(() => _fabric.Control!.Usage.Values.Select(v => v.Record).SingleOrDefault());
        Assert.Equal(10, record.CompletionTokens);
        Assert.Equal(1, record.FallbackCount);
    }

    [Fact]
    public async Task Stream_that_cannot_be_continued_ends_with_an_error_event()
    {
        _fabric.Cloud.DieAfterChunks = 3;
        using var http = TestFabric.Raw(_router);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OpenAiApiTests.Json("""{"model":"cloud-model","stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.DoesNotContain(events, e => e.Contains("[DONE]"));
        Assert.DoesNotContain(events, e => e.Contains("broken"));
        var last = JsonNode.Parse(events[^1]["data: ".Length..])!;
        Assert.Equal("upstream_failed_mid_stream", last["error"]!["code"]!.GetValue<string>());
        var text = string.Concat(events.SkipLast(1).Select(e => JsonNode.Parse(e["data: ".Length..])!["choices"]![0]!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal("one two three", text);

        var record = await Eventually(() => _fabric.Control!.Usage.Values.Select(v => v.Record).SingleOrDefault());
        Assert.Equal(3, record.CompletionTokens);
        Assert.Equal(502, record.Status);
    }

    [Fact]
    public async Task Backend_killed_during_load_fails_no_request_for_a_model_with_a_second_target()
    {
        var chat = _router.OpenAi(TestFabric.DevKey).GetChatClient("pair-model");
        var completed = 0;
        var failures = new List<Exception>();
        async Task Worker()
        {
            for (var i = 0; i < 25; i++)
            {
                try
                {
                    var result = await chat.CompleteChatAsync([new UserChatMessage("hi")]);
                    Assert.Equal(FakeBackend.Reply, result.Value.Content[0].Text);
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
                if (Interlocked.Increment(ref completed) == 40)
                {
                    await _fabric.Alpha.KillAsync();
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)));

        Assert.Empty(failures);
        Assert.Equal(200, completed);
        Assert.NotEmpty(_fabric.Alpha.Requests);
        Assert.True(_fabric.Beta.Requests.Count > 100);
    }

    private async Task<Contracts.Usage.UsageRecord> UsageOf(System.ClientModel.Primitives.PipelineResponse response)
    {
        Assert.True(response.Headers.TryGetValue("x-request-id", out var id));
        return (await Eventually(() => _fabric.Control!.Usage.TryGetValue(id!, out var entry) ? entry : default)).Record;
    }

    private static async Task<T> Eventually<T>(Func<T?> read)
    {
        T? value = default;
        await Infrastructure.Eventually.TrueAsync(() => (value = read()) is not null && !EqualityComparer<T>.Default.Equals(value, default), "usage record at Control");
        return value!;
    }
}

public sealed class ClientDisconnectTests
{
    [Fact]
    public async Task Client_going_away_mid_stream_cancels_the_upstream_request()
    {
        await using var fabric = await TestFabric.StartAsync();
        fabric.Alpha.StallAfterChunks = 2;
        var router = fabric.StartRouter();
        using var http = TestFabric.Raw(router);
        using var cancel = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OpenAiApiTests.Json("""{"model":"general-model","stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        var buffer = new byte[16];
        Assert.True(await body.ReadAsync(buffer, cancel.Token) > 0);

        cancel.Cancel();
        await body.DisposeAsync();
        response.Dispose();
        await fabric.Alpha.CallerLeft.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }
}

public sealed class UpstreamTimeoutTests
{
    [Fact]
    public async Task Backend_that_never_answers_times_out_falls_back_and_alone_gives_504()
    {
        await using var fabric = await TestFabric.StartAsync();
        fabric.Alpha.Hang = true;
        fabric.Beta.Hang = true;
        // Long enough for the fallback's first, cold call to the healthy backend on a busy machine; the hung ones need it twice.
        var router = fabric.StartRouter(new Dictionary<string, string?> { ["Router:UpstreamTimeoutSeconds"] = "2" });
        using var http = TestFabric.Raw(router);

        using var fallback = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"model":"general-model","messages":[{"role":"user","content":"hi"}]}"""));
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        Assert.Equal("cloud", fallback.Headers.GetValues("x-hybrid-backend").Single());

        using var alone = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"model":"coder-model","messages":[{"role":"user","content":"hi"}]}"""));
        var error = await OpenAiApiTests.AssertError(alone, HttpStatusCode.GatewayTimeout, "upstream_timeout");
        Assert.Contains("beta", error["message"]!.GetValue<string>());
    }
}
