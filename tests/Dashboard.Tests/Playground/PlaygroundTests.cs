using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.Playground;

[Collection(DashboardCollection.Name)]
public sealed class PlaygroundTests(DashboardFabric fabric)
{
    [Fact]
    public async Task The_playground_classifies_the_prompt_highlights_personal_data_and_streams_the_answer()
    {
        await using var tab = await fabric.OpenSignedInAsync("/playground");
        var page = tab.Page;

        await page.GetByTestId("playground-key").FillAsync(fabric.DevKey);
        await page.FluentButton("Load the key's models").ClickAsync();
        await Expect(page.GetByTestId("playground-message")).ToContainTextAsync("The key may use");
        await Expect(page.GetByTestId("playground-model").Locator("option[value='chat-fast']")).ToHaveCountAsync(1);

        await page.GetByTestId("playground-model").SelectOptionAsync("auto");
        await page.GetByTestId("playground-prompt").FillAsync("Write a Python function that checks whether jane.doe@example.com is a valid email address");
        await page.Locator("input[name=max-tokens]").FillAsync("40");
        await page.FluentButton("Send").ClickAsync();

        await Expect(page.GetByTestId("playground-domain")).ToContainTextAsync("coding");
        await Expect(page.GetByTestId("playground-guard")).ToContainTextAsync("benign");
        await Expect(page.GetByTestId("playground-pii").Locator("mark.pii")).ToHaveTextAsync("jane.doe@example.com");
        await Expect(page.GetByTestId("playground-routing")).ToContainTextAsync("Served by");
        // The answer shows while it streams, before it is complete.
        await Expect(page.GetByTestId("playground-answer")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("playground-message")).ToHaveTextAsync("Answer complete.", new() { Timeout = 120_000 });
        Assert.NotEmpty((await page.GetByTestId("playground-answer").InnerTextAsync()).Trim());
        // Personal data keeps the request on a local engine under the default guard policy.
        await Expect(page.GetByTestId("playground-served")).Not.ToHaveTextAsync("gpt-4o-mini");
        await tab.ScreenshotAsync("playground");
        Assert.Empty(tab.Errors);
    }
}
