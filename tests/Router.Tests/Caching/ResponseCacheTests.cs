using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Tests.Infrastructure;
using HybridInference.Router.Tests.OpenAi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Caching;

public sealed class ResponseCacheTests
{
    private static readonly ChatCompletionOptions Reproducible = new() { Temperature = 0 };

    [Fact]
    public async Task A_reproducible_json_request_is_answered_from_the_cache_with_a_fresh_id_and_metered_as_a_hit()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        var router = fabric.StartRouter();
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");

        var first = await chat.CompleteChatAsync([new UserChatMessage("cache me")], Reproducible);
        var second = await chat.CompleteChatAsync([new UserChatMessage("cache me")], Reproducible);

        Assert.Equal("miss", Header(first.GetRawResponse(), "x-hybrid-cache"));
        Assert.Equal("hit", Header(second.GetRawResponse(), "x-hybrid-cache"));
        Assert.Equal(first.Value.Content[0].Text, second.Value.Content[0].Text);
        Assert.NotEqual(first.Value.Id, second.Value.Id);
        Assert.StartsWith("cmpl-", second.Value.Id);
        Assert.Equal(first.Value.Usage.OutputTokenCount, second.Value.Usage.OutputTokenCount);
        Assert.Single(fabric.Alpha.Requests);

        var id = Header(second.GetRawResponse(), "x-request-id")!;
        await Eventually.TrueAsync(() => fabric.Control!.Usage.ContainsKey(id), "the hit's usage record");
        var record = fabric.Control!.Usage[id].Record;
        Assert.True(record.CacheHit);
        Assert.Equal("cache", record.Backend);
        Assert.Equal("general-model", record.ServedModel);
        Assert.Equal(200, record.Status);
    }

    [Fact]
    public async Task A_reproducible_stream_is_replayed_whole_with_usage_and_done_under_a_fresh_id()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");

        // The Router keeps the stream when it sees [DONE], before the client has it: the repeat right after is a hit.
        var (firstText, firstIds, firstUsage) = await ReadStreamAsync(chat);
        var (secondText, secondIds, secondUsage) = await ReadStreamAsync(chat);

        Assert.Equal(FakeBackend.Reply, secondText);
        Assert.Equal(firstText, secondText);
        Assert.Single(firstIds);
        Assert.Single(secondIds);
        Assert.NotEqual(firstIds.Single(), secondIds.Single());
        Assert.Equal(10, secondUsage);
        Assert.Equal(firstUsage, secondUsage);
        Assert.Single(fabric.Alpha.Requests);

        using var http = TestFabric.Raw(router);
        using var raw = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(
            """{"model":"general-model","temperature":0,"stream":true,"messages":[{"role":"user","content":"stream me"}]}"""));
        Assert.Equal("hit", raw.Headers.GetValues("x-hybrid-cache").Single());
        Assert.Equal("text/event-stream", raw.Content.Headers.ContentType!.MediaType);
        var events = (await raw.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        Assert.NotNull(JsonNode.Parse(events[^2]["data: ".Length..])!["usage"]);
    }

    [Fact]
    public async Task Field_order_and_whitespace_do_not_matter()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        using var http = TestFabric.Raw(router);

        using var first = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(
            """{"model":"general-model","temperature":0,"messages":[{"role":"user","content":"order"}]}"""));
        using var second = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(
            """{ "messages" : [ { "content" : "order", "role" : "user" } ], "temperature" : 0, "model" : "general-model" }"""));

        Assert.Equal("hit", second.Headers.GetValues("x-hybrid-cache").Single());
        Assert.Single(fabric.Alpha.Requests);
    }

    [Fact]
    public async Task One_customer_never_gets_another_customers_answer()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        var router = fabric.StartRouter();
        var mine = fabric.AddKey(new KeyPolicy { KeyId = "k1", CustomerId = "customer-one" });
        var theirs = fabric.AddKey(new KeyPolicy { KeyId = "k2", CustomerId = "customer-two" });

        await router.OpenAi(mine).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("private")], Reproducible);
        var other = await router.OpenAi(theirs).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("private")], Reproducible);
        var again = await router.OpenAi(mine).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("private")], Reproducible);

        Assert.Equal("miss", Header(other.GetRawResponse(), "x-hybrid-cache"));
        Assert.Equal("hit", Header(again.GetRawResponse(), "x-hybrid-cache"));
        Assert.Equal(2, fabric.Alpha.Requests.Count);
    }

    [Fact]
    public async Task Bypass_skips_the_cache_and_use_caches_what_is_not_reproducible()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        using var http = TestFabric.Raw(router);
        const string Reproducible = """{"model":"general-model","temperature":0,"messages":[{"role":"user","content":"a"}]}""";
        const string Sampled = """{"model":"general-model","temperature":0.8,"messages":[{"role":"user","content":"b"}]}""";

        await SendAsync(http, Reproducible, null);
        using (var bypassed = await SendAsync(http, Reproducible, "bypass"))
        {
            Assert.False(bypassed.Headers.Contains("x-hybrid-cache"));
        }
        Assert.Equal(2, fabric.Alpha.Requests.Count);

        using (var sampled = await SendAsync(http, Sampled, null))
        {
            Assert.False(sampled.Headers.Contains("x-hybrid-cache"));
        }
        await SendAsync(http, Sampled, "use");
        using var asked = await SendAsync(http, Sampled, "use");
        Assert.Equal("hit", asked.Headers.GetValues("x-hybrid-cache").Single());
        Assert.Equal(4, fabric.Alpha.Requests.Count);
    }

    [Fact]
    public async Task Requests_offering_tools_are_not_cached()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        using var http = TestFabric.Raw(router);
        const string WithTools = """{"model":"general-model","temperature":0,"tools":[{"type":"function","function":{"name":"f","parameters":{}}}],"messages":[{"role":"user","content":"t"}]}""";

        await SendAsync(http, WithTools, null);
        using var second = await SendAsync(http, WithTools, null);

        Assert.False(second.Headers.Contains("x-hybrid-cache"));
        Assert.Equal(2, fabric.Alpha.Requests.Count);
    }

    [Fact]
    public async Task An_answer_expires_after_the_configured_ttl()
    {
        await using var fabric = await TestFabric.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var router = fabric.StartRouter(services: s => s.AddSingleton<TimeProvider>(clock));
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");

        await chat.CompleteChatAsync([new UserChatMessage("expiring")], Reproducible);
        clock.Advance(TimeSpan.FromSeconds(299));
        var fresh = await chat.CompleteChatAsync([new UserChatMessage("expiring")], Reproducible);
        clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await chat.CompleteChatAsync([new UserChatMessage("expiring")], Reproducible);

        Assert.Equal("hit", Header(fresh.GetRawResponse(), "x-hybrid-cache"));
        Assert.Equal("miss", Header(expired.GetRawResponse(), "x-hybrid-cache"));
        Assert.Equal(2, fabric.Alpha.Requests.Count);
    }

    [Fact]
    public async Task Two_replicas_share_the_cache_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var fabric = await TestFabric.StartAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString };
        var first = fabric.StartRouter(settings);
        var second = fabric.StartRouter(settings);

        await first.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("shared")], Reproducible);
        // The write to Redis is fire-and-forget: the second replica may ask before it lands.
        string? text = null;
        await Eventually.TrueAsync(async () =>
        {
            var answer = await second.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("shared")], Reproducible);
            text = answer.Value.Content[0].Text;
            return Header(answer.GetRawResponse(), "x-hybrid-cache") == "hit";
        }, "the second replica finds the first one's answer");

        Assert.Equal(FakeBackend.Reply, text);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string json, string? cacheHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = OpenAiApiTests.Json(json) };
        if (cacheHeader is not null)
        {
            request.Headers.Add("x-hybrid-cache", cacheHeader);
        }
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<(string Text, HashSet<string> Ids, int? OutputTokens)> ReadStreamAsync(ChatClient chat)
    {
        var text = new StringBuilder();
        var ids = new HashSet<string>();
        int? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("stream me")], Reproducible))
        {
            ids.Add(update.CompletionId);
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage?.OutputTokenCount;
        }
        return (text.ToString(), ids, usage);
    }

    private static string? Header(PipelineResponse response, string name) => response.Headers.TryGetValue(name, out var value) ? value : null;
}
