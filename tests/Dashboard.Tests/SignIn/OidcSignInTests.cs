using System.Text.RegularExpressions;
using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.SignIn;

/// <summary>Single sign-on through the test identity provider, in the browser, the whole round trip.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OidcSignInTests(DashboardFabric fabric)
{
    [Fact]
    public async Task An_operator_in_the_admins_group_signs_in_with_single_sign_on_sees_the_overview_and_signs_out()
    {
        await using var tab = await fabric.OpenAsync();
        var page = tab.Page;
        await SignInAtProviderAsync(page, DashboardFabric.Operator);

        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await tab.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overview");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(DashboardFabric.Operator.Email);

        await page.FluentButton("Sign out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?signedout=1"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_user_without_the_admins_group_is_refused_with_what_is_missing()
    {
        await using var tab = await fabric.OpenAsync();
        var page = tab.Page;
        await SignInAtProviderAsync(page, DashboardFabric.Developer);

        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?error="));
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync($"not in '{DashboardFabric.AdminsGroup}' (groups claim)");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?"));
        await tab.ScreenshotAsync("signin-refused");
    }

    private static async Task SignInAtProviderAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with single sign-on" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + user.Name }).ClickAsync();
    }
}
