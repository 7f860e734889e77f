using System.Net;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Configuration;
using HybridInference.Router.Tests.OpenAi;
using HybridInference.Router.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Limits;

public sealed class SharedLimitTests : IAsyncLifetime
{
    private const string Chat = """{"model":"general-model","messages":[{"role":"user","content":"hi"}]}""";

    private RedisServer _redis = null!;
    private TestFabric _fabric = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
    }

    public async Task DisposeAsync()
    {
        await _fabric.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private RouterHost Replica(FakeTimeProvider clock, string configSource = "file", string edgePerSecond = "0") => _fabric.StartRouter(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = _redis.ConnectionString,
            ["Router:ConfigSource"] = configSource,
            ["Router:EdgeRequestsPerSecond"] = edgePerSecond,
            ["Router:EdgeBurst"] = "3",
        },
        s => s.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task Two_replicas_share_one_rate_limit_through_redis()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        using var first = TestFabric.Raw(Replica(clock), _fabric.AddKey(new KeyPolicy { KeyId = "shared", CustomerId = "c", RequestsPerMinute = 3 }));
        var key = first.DefaultRequestHeaders.Authorization!.Parameter!;
        using var second = TestFabric.Raw(Replica(clock), key);

        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        using var refused = await second.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat));
        await OpenAiApiTests.AssertError(refused, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
    }

    [Fact]
    public async Task Two_replicas_share_one_edge_limit_through_redis()
    {
        // One token in 1000 s: the burst of three is all there is for the length of the test, on Redis's clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var first = TestFabric.Raw(Replica(clock, edgePerSecond: "0.001"));
        using var second = TestFabric.Raw(Replica(clock, edgePerSecond: "0.001"));

        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        using var refused = await second.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat));
        await OpenAiApiTests.AssertError(refused, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.FromSeconds(900));
    }

    [Fact]
    public async Task When_redis_goes_away_limits_fall_back_to_the_replica_and_requests_are_still_served()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var replica = Replica(clock, edgePerSecond: "1000");
        using var http = TestFabric.Raw(replica, _fabric.AddKey(new KeyPolicy { KeyId = "fallback", CustomerId = "c", RequestsPerMinute = 100 }));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        using var health = replica.CreateClient();
        Assert.Contains("redis", await Limits(health));

        await _redis.DisposeAsync();
        var connection = replica.Service<HybridInference.Router.Changes.RedisConnection>();
        await Eventually.TrueAsync(() => !connection.IsConnected, "the Router to notice Redis is gone");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        }
        Assert.Contains("in-process", await Limits(health));
    }

    [Fact]
    public async Task Concurrent_reservations_on_two_replicas_never_overshoot_the_budget()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        // Worst case of one request: ~10 prompt bytes at 0.001 + 100 output tokens at 0.002 ≈ 0.21; 1.00 fits four.
        var replicas = new[] { Replica(clock), Replica(clock) };
        var limiters = replicas.Select(r => r.Service<HybridInference.Router.Limits.KeyLimiter>()).ToArray();
        var policy = new KeyPolicy { KeyId = "budget", CustomerId = "c", MonthlyBudget = 1.00m };
        var decisions = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => limiters[i % 2].AcquireAsync(policy, 110, 0.21m).AsTask()));
        Assert.Equal(4, decisions.Count(d => d.Refused == HybridInference.Router.Limits.LimitKind.None));
    }

    [Fact]
    public async Task Key_change_notice_drops_the_cached_policy_at_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var router = Replica(clock);
        var key = _fabric.AddKey(new KeyPolicy { KeyId = "revoke-me", CustomerId = "c", CacheSeconds = 3600 });
        using var http = TestFabric.Raw(router, key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/models")).StatusCode);

        _fabric.Control!.SetKey(key, new KeyPolicy { KeyId = "revoke-me", CustomerId = "c", Revoked = true });
        await _redis.PublishAsync("hybrid:changes", "key:" + FakeControl.Hash(key));

        await Eventually.TrueAsync(async () => (await http.GetAsync("/v1/models")).StatusCode == HttpStatusCode.Unauthorized, "the revoked key to be refused");
    }

    [Fact]
    public async Task Config_change_notice_makes_the_router_fetch_the_new_version()
    {
        _fabric.Control!.Config = RouterConfigYaml.Parse(_fabric.Yaml()) with { Version = 1 };
        var router = Replica(new FakeTimeProvider(DateTimeOffset.UtcNow), configSource: "control");
        var store = router.Service<RouterConfigStore>();
        await Eventually.TrueAsync(() => store.Current.Version == 1, "version 1 from Control");

        var config = _fabric.Control.Config;
        _fabric.Control.Config = config with { Version = 2, Routes = [.. config.Routes, new RouteConfig { Name = "v2-route", Candidates = ["general-model"] }] };
        await _redis.PublishAsync("hybrid:changes", "config:2");

        await Eventually.TrueAsync(() => store.Current.Version == 2, "version 2 after the notice");
        Assert.True(store.Current.IsKnown("v2-route"));
    }

    [Fact]
    public async Task Health_says_whether_limits_are_shared()
    {
        var shared = Replica(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var sharedHttp = shared.CreateClient();
        await sharedHttp.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat));
        Assert.Contains("redis", await Limits(sharedHttp));

        using var alone = _fabric.StartRouter().CreateClient();
        Assert.Contains("in-process", await Limits(alone));
    }

    private static async Task<string> Limits(HttpClient http)
    {
        using var response = await http.GetAsync("/health");
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return report["checks"]!["limits"]!["data"]!["limits"]!.GetValue<string>();
    }
}
