using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Router.Tests.Infrastructure;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace HybridInference.Router.Tests.OpenAi;

public sealed class OpenAiApiTests : IAsyncLifetime
{
    private TestFabric _fabric = null!;
    private RouterHost _router = null!;

    public async Task InitializeAsync()
    {
        _fabric = await TestFabric.StartAsync();
        _router = _fabric.StartRouter();
    }

    public async Task DisposeAsync() => await _fabric.DisposeAsync();

    [Fact]
    public async Task Chat_completion_is_served_by_the_local_target_with_decision_headers()
    {
        var chat = _router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");
        var result = await chat.CompleteChatAsync([new UserChatMessage("hello")]);

        Assert.Equal(FakeBackend.Reply, result.Value.Content[0].Text);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-hybrid-model", out var model));
        Assert.Equal("general-model", model);
        Assert.True(headers.TryGetValue("x-hybrid-backend", out var backend));
        Assert.Equal("alpha", backend);
        Assert.True(headers.TryGetValue("x-request-id", out var requestId));
        Assert.StartsWith("req_", requestId);
        Assert.True(headers.TryGetValue("x-hybrid-overhead-ms", out var overhead));
        Assert.True(double.Parse(overhead!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Equal(requestId, _fabric.Alpha.Requests.Single().RequestId);
    }

    [Fact]
    public async Task Client_key_never_reaches_the_backend_and_remote_backends_get_their_own_key()
    {
        var chat = _router.OpenAi(TestFabric.DevKey).GetChatClient("cloud-model");
        var result = await chat.CompleteChatAsync([new UserChatMessage("hello")]);

        Assert.Equal(FakeBackend.Reply, result.Value.Content[0].Text);
        Assert.Equal($"Bearer {TestFabric.CloudKey}", _fabric.Cloud.Requests.Single().Authorization);

        await _router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal("", _fabric.Alpha.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Stream_arrives_chunk_by_chunk_and_usage_is_requested_upstream()
    {
        var chat = _router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");
        var text = new StringBuilder();
        var updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("hello")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal(FakeBackend.Reply, text.ToString());
        Assert.True(updates >= 10);
        var sent = _fabric.Alpha.Requests.Single().Body;
        Assert.True(sent["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal("general-model", sent["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Role_resolves_to_its_first_candidate_and_the_upstream_model_name_is_rewritten()
    {
        await _fabric.Alpha.KillAsync();
        var chat = _router.OpenAi(TestFabric.DevKey).GetChatClient("chat-fast");
        var result = await chat.CompleteChatAsync([new UserChatMessage("hello")]);

        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-hybrid-backend", out var backend));
        Assert.Equal("cloud", backend);
        Assert.Equal("cloud-general", _fabric.Cloud.Requests.Single().Body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Completions_and_embeddings_are_forwarded()
    {
        var client = _router.OpenAi(TestFabric.DevKey);
        var embedding = await client.GetEmbeddingClient("embed-model").GenerateEmbeddingAsync("hello");
        Assert.Equal(3, embedding.Value.ToFloats().Length);

        using var http = TestFabric.Raw(_router);
        using var response = await http.PostAsync("/v1/completions", Json("""{"model":"general-model","prompt":"say"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(FakeBackend.Reply, body["choices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Models_lists_catalog_roles_aliases_and_auto()
    {
        var models = await _router.OpenAi(TestFabric.DevKey).GetOpenAIModelClient().GetModelsAsync();
        var ids = models.Value.Select(m => m.Id).ToHashSet();
        Assert.Superset(new HashSet<string> { "general-model", "coder-model", "embed-model", "chat-fast", "local/chat", "auto" }, ids);

        var one = await _router.OpenAi(TestFabric.DevKey).GetOpenAIModelClient().GetModelAsync("local/chat");
        Assert.Equal("local/chat", one.Value.Id);

        using var http = TestFabric.Raw(_router);
        using var missing = await http.GetAsync("/v1/models/nope");
        await AssertError(missing, HttpStatusCode.NotFound, "model_not_found");
    }

    [Fact]
    public async Task Missing_or_unknown_key_gets_401_in_openai_shape()
    {
        using var anonymous = TestFabric.Raw(_router, key: null);
        using var none = await anonymous.PostAsync("/v1/chat/completions", Json("""{"model":"general-model","messages":[]}"""));
        await AssertError(none, HttpStatusCode.Unauthorized, "missing_api_key");

        using var wrong = TestFabric.Raw(_router, "sk-unknown");
        using var unknown = await wrong.GetAsync("/v1/models");
        await AssertError(unknown, HttpStatusCode.Unauthorized, "invalid_api_key");

        var ex = await Assert.ThrowsAsync<ClientResultException>(() =>
            _router.OpenAi("sk-unknown").GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(401, ex.Status);
    }

    [Fact]
    public async Task Unknown_model_gets_404()
    {
        var ex = await Assert.ThrowsAsync<ClientResultException>(() =>
            _router.OpenAi(TestFabric.DevKey).GetChatClient("no-such-model").CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(404, ex.Status);
    }

    [Theory]
    [InlineData("not json at all", null)]
    [InlineData("{\"model\":\"general-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]", null)]
    [InlineData("[1,2,3]", null)]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model")]
    [InlineData("{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model")]
    [InlineData("{\"model\":\"general-model\"}", "messages")]
    [InlineData("{\"model\":\"general-model\",\"messages\":\"hi\"}", "messages")]
    [InlineData("{\"model\":\"general-model\",\"messages\":[]}", "messages")]
    [InlineData("{\"model\":\"general-model\",\"messages\":[\"hi\"]}", "messages")]
    [InlineData("{\"model\":\"general-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}", "stream")]
    [InlineData("{\"model\":\"general-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":\"ten\"}", "max_tokens")]
    [InlineData("{\"model\":\"general-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":-1}", "max_tokens")]
    [InlineData("", null)]
    [InlineData("{\"model\":\"general-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} trailing", null)]
    public async Task Malformed_and_wrong_typed_bodies_get_400_never_500(string body, string? param)
    {
        using var http = TestFabric.Raw(_router);
        using var response = await http.PostAsync("/v1/chat/completions", Json(body));
        var error = await AssertError(response, HttpStatusCode.BadRequest, null);
        Assert.Equal(param, error["param"]?.GetValue<string>());
        Assert.Empty(_fabric.Alpha.Requests);
    }

    [Fact]
    public async Task Deeply_nested_body_gets_400()
    {
        var nested = new string('[', 200) + new string(']', 200);
        using var http = TestFabric.Raw(_router);
        using var response = await http.PostAsync("/v1/chat/completions", Json($$"""{"model":"general-model","messages":[{"role":"user","content":{{nested}}}]}"""));
        await AssertError(response, HttpStatusCode.BadRequest, null);
    }

    [Fact]
    public async Task Huge_body_gets_413()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter(new Dictionary<string, string?> { ["Router:MaxBodyBytes"] = "1024" });
        using var http = TestFabric.Raw(router);
        var big = $$"""{"model":"general-model","messages":[{"role":"user","content":"{{new string('a', 5000)}}"}]}""";
        using var response = await http.PostAsync("/v1/chat/completions", Json(big));
        await AssertError(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");

        // Without a Content-Length the limit still holds while reading.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        using var response2 = await http.SendAsync(chunked);
        await AssertError(response2, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task Backend_client_errors_pass_through_unchanged()
    {
        _fabric.Alpha.FailWithStatus = 400;
        using var http = TestFabric.Raw(_router);
        using var response = await http.PostAsync("/v1/chat/completions", Json("""{"model":"general-model","messages":[{"role":"user","content":"hi"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("injected fault", await response.Content.ReadAsStringAsync());
        Assert.Empty(_fabric.Cloud.Requests);
    }

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static async Task<JsonNode> AssertError(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var error = body["error"]!;
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["type"]!.GetValue<string>()));
        if (code is not null)
        {
            Assert.Equal(code, error["code"]!.GetValue<string>());
        }
        return error;
    }
}
