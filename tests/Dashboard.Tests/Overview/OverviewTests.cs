using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.Overview;

[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(DashboardFabric fabric)
{
    [Fact]
    public async Task Overview_charts_the_traffic_the_router_just_served_and_updates_live()
    {
        await using var tab = await fabric.OpenSignedInAsync("/");
        await Expect(tab.Page.GetByTestId("services")).ToContainTextAsync("router");

        for (var i = 0; i < 4; i++)
        {
            Assert.True((await fabric.ChatAsync(fabric.DevKey, "llama-3.1-8b-instruct")).IsSuccessStatusCode);
        }
        Assert.True((await fabric.ChatAsync(fabric.DevKey, "gpt-4o-mini")).IsSuccessStatusCode);

        // No reload: the page hears the new decisions by itself.
        await Expect(tab.Page.GetByTestId("share-model")).ToContainTextAsync("llama-3.1-8b-instruct");
        await Expect(tab.Page.GetByTestId("share-model")).ToContainTextAsync("gpt-4o-mini");
        await Expect(tab.Page.GetByTestId("share-locality")).ToContainTextAsync("local");
        await Expect(tab.Page.GetByTestId("share-backend")).ToContainTextAsync("vllm-general");
        await Expect(tab.Page.GetByTestId("chart-rps").Locator("polyline")).Not.ToHaveCountAsync(0);
        await Expect(tab.Page.GetByTestId("chart-latency").Locator("polyline")).Not.ToHaveCountAsync(0);
        Assert.True(int.Parse(await tab.Page.GetByTestId("requests-total").Locator(".big").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 5);
        await Expect(tab.Page.GetByTestId("spend-month").Locator(".big")).Not.ToHaveTextAsync("–");
        await tab.ScreenshotAsync("overview");
        Assert.Empty(tab.Errors);
    }
}
