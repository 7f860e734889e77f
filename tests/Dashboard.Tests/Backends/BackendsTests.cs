using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.Backends;

[Collection(DashboardCollection.Name)]
public sealed class BackendsTests(DashboardFabric fabric)
{
    [Fact]
    public async Task Draining_a_backend_sends_new_work_elsewhere_until_it_is_undrained_and_check_now_probes_it()
    {
        await using var tab = await fabric.OpenSignedInAsync("/backends");
        var page = tab.Page;
        var general = page.Locator("tr[data-backend='vllm-general']");
        await Expect(general.GetByTestId("circuit")).ToHaveTextAsync("closed");
        await Expect(general).ToContainTextAsync("/ 16");

        await general.FluentButton("Check now").ClickAsync();
        await Expect(page.GetByTestId("backend-message")).ToContainTextAsync("vllm-general checked: healthy");

        await general.FluentButton("Drain").ClickAsync();
        try
        {
            await Expect(general.GetByTestId("drained")).ToHaveTextAsync("drained");
            using var drained = await fabric.ChatAsync(fabric.DevKey, "llama-3.1-8b-instruct");
            Assert.True(drained.IsSuccessStatusCode);
            Assert.Equal("cloud", DashboardFabric.Header(drained, "x-hybrid-backend"));
            await tab.ScreenshotAsync("backends");
        }
        finally
        {
            await general.FluentButton("Undrain").ClickAsync();
        }
        await Expect(general.GetByTestId("drained")).ToHaveTextAsync("no");
        using var back = await fabric.ChatAsync(fabric.DevKey, "llama-3.1-8b-instruct");
        Assert.Equal("vllm-general", DashboardFabric.Header(back, "x-hybrid-backend"));
        Assert.Empty(tab.Errors);
    }
}
