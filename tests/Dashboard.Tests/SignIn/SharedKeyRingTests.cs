extern alias dashboard;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using StackExchange.Redis;
using KeyRing = dashboard::HybridInference.Dashboard.SignIn.KeyRingExtensions;

namespace HybridInference.Dashboard.Tests.SignIn;

/// <summary>Two Dashboard replicas in-process on one real Redis: a session cookie sealed by one is opened by the other.</summary>
public sealed class SharedKeyRingTests
{
    private const string Token = "replica-test-admin-token";

    [Fact]
    public async Task A_session_cookie_from_one_replica_is_accepted_by_another_sharing_Redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = Replica(redis.ConnectionString);
        await using var second = Replica(redis.ConnectionString);
        using var firstBrowser = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var secondBrowser = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var signIn = await TokenSignIn.PostAsync(firstBrowser, Token, "/");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hybrid-dashboard=", StringComparison.Ordinal));

        using var session = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        session.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var answer = await secondBrowser.SendAsync(session);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"method\":\"admin-token\"", await answer.Content.ReadAsStringAsync());

        // The ring the replicas agree on is the one in Redis, not a folder they happen to share on this machine.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        Assert.True(await connection.GetDatabase().ListLengthAsync(KeyRing.RedisKey) >= 1);
        Assert.Contains("redis (shared by replicas)", await HealthAsync(secondBrowser));
    }

    [Fact]
    public async Task Without_Redis_the_health_report_says_the_keys_are_this_replicas_own()
    {
        await using var single = Replica(redis: null);
        using var browser = single.CreateClient();
        Assert.Contains("this replica only (no Redis configured: run a single replica)", await HealthAsync(browser));
    }

    private static async Task<string> HealthAsync(HttpClient browser)
    {
        // The body is the point here, whatever the fabric probes (absent in these tests) make of the status.
        using var health = await browser.GetAsync("/health");
        return await health.Content.ReadAsStringAsync();
    }

    private static WebApplicationFactory<dashboard::Program> Replica(string? redis) =>
        new WebApplicationFactory<dashboard::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Dashboard:AdminToken", Token);
            if (redis is not null)
            {
                host.UseSetting("ConnectionStrings:redis", redis);
            }
        });
}
