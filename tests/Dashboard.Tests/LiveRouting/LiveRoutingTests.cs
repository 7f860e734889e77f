using System.Text.RegularExpressions;
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
        Assert.Matches($"^{Regex.Escape(DashboardFabric.TracesUrl)}/traces/detail/[0-9a-f]{{32}}$", href);
        await tab.ScreenshotAsync("live-routing");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task An_auto_decision_shows_the_classifiers_category_score_and_guard_outcome()
    {
        await using var tab = await fabric.OpenSignedInAsync("/routing");
        var page = tab.Page;

        using var response = await fabric.ChatAsync(fabric.DevKey, "auto", "Write a Python function that sorts a list with quicksort.");
        var row = page.Locator($"tr[data-request-id='{DashboardFabric.Header(response, "x-request-id")}']");
        // The category with the probability the deciding stage gave it, e.g. "coding 0.97"; a benign prompt passes the guard.
        await Expect(row.GetByTestId("category")).ToHaveTextAsync(new Regex(@"^[a-z]+ (0\.\d\d|1\.00)$"));
        await Expect(row.GetByTestId("guard")).ToContainTextAsync("passed");

        await page.GetByTestId("filter-guard").SelectOptionAsync("blocked");
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByTestId("filter-guard").SelectOptionAsync("passed");
        await Expect(row).ToHaveCountAsync(1);

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("details-category")).ToContainTextAsync(new Regex("decided by (fasttext|encoder)"));
        await Expect(page.GetByTestId("details-guard")).ToContainTextAsync("passed");
        Assert.Empty(tab.Errors);
    }
}
