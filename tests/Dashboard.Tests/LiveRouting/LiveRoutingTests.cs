using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.LiveRouting;

[Collection(DashboardCollection.Name)]
public sealed class LiveRoutingTests(DashboardFabric fabric)
{
    [Fact]
    public async Task A_decision_opens_its_details_with_a_link_to_its_trace()
    {
        await using var tab = await fabric.OpenSignedInAsync("/routing");
        var page = tab.Page;

        using var response = await fabric.ChatAsync(fabric.DevKey, "gpt-4o-mini", "What is the capital of France?");
        var requestId = DashboardFabric.Header(response, "x-request-id");
        var row = page.Locator($"tr[data-request-id='{requestId}']");
        await Expect(row).ToContainTextAsync("gpt-4o-mini");
        await Expect(row).ToContainTextAsync("cloud");

        await page.GetByTestId("filter-model").FillAsync("gpt-4o-mini");
        await page.GetByTestId("filter-model").PressAsync("Tab");
        await Expect(page.GetByTestId("decisions").Locator("tbody tr").Filter(new() { HasNotText = "gpt-4o-mini" })).ToHaveCountAsync(0);
        await page.GetByTestId("filter-status").SelectOptionAsync("error");
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByTestId("filter-status").SelectOptionAsync("ok");
        await Expect(row).ToHaveCountAsync(1);

        // Keyboard: the row's button opens it.
        await row.GetByRole(AriaRole.Button).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var details = page.GetByTestId("decision-details");
        await Expect(details).ToContainTextAsync(requestId!);
        var link = page.GetByTestId("trace-link");
        var href = await link.GetAttributeAsync("href");
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(DashboardFabric.TracesUrl)}/traces/detail/[0-9a-f]{{32}}$", href);
        await tab.ScreenshotAsync("live-routing");
        Assert.Empty(tab.Errors);
    }
}
