using System.Net;
using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.SignIn;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFabric fabric)
{
    [Fact]
    public async Task Every_page_sends_a_stranger_to_the_sign_in_page()
    {
        await using var tab = await fabric.OpenAsync();
        foreach (var path in new[] { "/", "/routing", "/backends", "/customers", "/usage", "/models", "/playground" })
        {
            await tab.Page.GotoAsync(path);
            await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?"));
            await Expect(tab.Page.GetByLabel("Admin token")).ToBeVisibleAsync();
        }
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fabric.DashboardUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/usage.csv?start=2026-01-01&end=2026-01-31&group_by=day")).StatusCode);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_right_one_signs_in_until_sign_out()
    {
        await using var tab = await fabric.OpenAsync();
        await tab.SignInAsync("not-the-token", "/backends");
        await Expect(tab.Page.GetByTestId("signin-error")).ToContainTextAsync("not the fabric's admin token");
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));

        await tab.SignInAsync(path: "/backends");
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/backends$"));
        await Expect(tab.Page.GetByTestId("signed-in-as")).ToHaveTextAsync("admin token");
        await tab.ScreenshotAsync("signed-in");

        await tab.Page.FluentButton("Sign out").ClickAsync();
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?signedout=1"));
        await tab.Page.GotoAsync("/");
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?"));
        Assert.Empty(tab.Errors);
    }
}
