using System.Net;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Tests.OpenAi;
using HybridInference.Router.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Limits;

public sealed class LimitsEndpointTests
{
    private const string Chat = """{"model":"general-model","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task Requests_over_the_key_limit_get_429_with_retry_after_and_ratelimit_headers()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var router = fabric.StartRouter(services: s => s.AddSingleton<TimeProvider>(clock));
        var key = fabric.AddKey(new KeyPolicy { KeyId = "k", CustomerId = "c", RequestsPerMinute = 2, TokensPerMinute = 1000 });
        using var http = TestFabric.Raw(router, key);

        using var first = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", first.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("1", first.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("1000", first.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        Assert.True(first.Headers.Contains("x-ratelimit-remaining-tokens"));
        Assert.Equal("60s", first.Headers.GetValues("x-ratelimit-reset-requests").Single());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(20));
        using var third = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat));
        await OpenAiApiTests.AssertError(third, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal("40", third.Headers.RetryAfter!.ToString());
        Assert.Equal("0", third.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("40s", third.Headers.GetValues("x-ratelimit-reset-requests").Single());
        Assert.Equal(2, fabric.Alpha.Requests.Count);

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
    }

    [Fact]
    public async Task Exhausted_budget_gets_429_insufficient_quota()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        var router = fabric.StartRouter();
        var key = fabric.AddKey(new KeyPolicy { KeyId = "k", CustomerId = "c", MonthlyBudget = 1m, SpentThisMonth = 0.99m });
        using var http = TestFabric.Raw(router, key);

        // Worst case: prompt bytes at 0.001 plus 50 tokens at 0.002 = over 0.1, more than the 0.01 left.
        using var response = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat));
        await OpenAiApiTests.AssertError(response, HttpStatusCode.TooManyRequests, "insufficient_quota");
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.Empty(fabric.Alpha.Requests);
    }

    [Fact]
    public async Task Edge_limit_admits_the_burst_then_the_steady_rate()
    {
        await using var fabric = await TestFabric.StartAsync();
        var clock = new FakeTimeProvider();
        var router = fabric.StartRouter(new Dictionary<string, string?> { ["Router:EdgeRequestsPerSecond"] = "1", ["Router:EdgeBurst"] = "2" },
            s => s.AddSingleton<TimeProvider>(clock));
        using var http = TestFabric.Raw(router);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
        using var refused = await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat));
        await OpenAiApiTests.AssertError(refused, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal("1", refused.Headers.RetryAfter!.ToString());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json(Chat))).StatusCode);
    }
}
