using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.Accessibility;

[Collection(DashboardCollection.Name)]
public sealed class AccessibilityTests(DashboardFabric fabric)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Overview" },
        { "/routing", "Live routing" },
        { "/backends", "Backends" },
        { "/customers", "Customers and keys" },
        { "/usage", "Usage and invoices" },
        { "/models", "Models and routing" },
        { "/playground", "Playground" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_accessibility_problems_at_desktop_and_phone_width(string path, string title)
    {
        foreach (var (width, height, size) in new[] { (1280, 800, "desktop"), (390, 844, "phone") })
        {
            await using var tab = await fabric.OpenSignedInAsync(path, width, height);
            await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            Assert.Empty(await tab.AccessibilityProblemsAsync());
            // Nothing but wide tables (which scroll in their own box) may push the page sideways.
            Assert.True(await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{path} scrolls sideways at {width}px");
            await tab.ScreenshotAsync($"{size}{(path == "/" ? "-overview" : path.Replace('/', '-'))}");
            Assert.Empty(tab.Errors);
        }
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_problems()
    {
        await using var tab = await fabric.OpenAsync();
        await tab.Page.GotoAsync("/signin");
        // Fluent's web components style themselves once their script has run: judge contrast after that, not before.
        await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(await tab.AccessibilityProblemsAsync());
        await tab.ScreenshotAsync("signin");
    }
}
