extern alias dashboard;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Dashboard.Tests.SignIn;

/// <summary>The Dashboard alone, in-process, with a clock the test moves: sessions end when they should.</summary>
public sealed class SessionExpiryTests
{
    private const string Token = "expiry-test-admin-token";

    [Fact]
    public async Task A_session_ends_after_its_lifetime_even_while_in_use()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var dashboard = new WebApplicationFactory<dashboard::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Dashboard:AdminToken", Token);
            host.UseSetting("Dashboard:SessionMinutes", "30");
            host.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        using var browser = dashboard.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/session")).StatusCode);
        using var signIn = await TokenSignIn.PostAsync(browser, Token, "/usage");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Matches("^(http://localhost)?/usage$", signIn.Headers.Location?.ToString());

        clock.Advance(TimeSpan.FromMinutes(29));
        var session = await browser.GetStringAsync("/api/session");
        Assert.Contains("\"expiresAt\":\"2026-03-01T10:30:00+00:00\"", session);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/session")).StatusCode);
        using var page = await browser.GetAsync("/usage");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/signin?", page.Headers.Location?.ToString());
    }
}
