using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.Models;

[Collection(DashboardCollection.Name)]
public sealed class ModelsAndRoutingTests(DashboardFabric fabric)
{
    [Fact]
    public async Task An_edited_route_is_validated_diffed_saved_obeyed_by_the_router_and_rolled_back()
    {
        await using var tab = await fabric.OpenSignedInAsync("/models");
        var page = tab.Page;
        await Expect(page.GetByTestId("catalog")).ToContainTextAsync("qwen2.5-coder-7b-instruct");
        await Expect(page.GetByTestId("routes")).ToContainTextAsync("local/chat");
        await Expect(page.GetByTestId("guard-policy")).ToContainTextAsync("Personal data");
        var before = long.Parse(await page.GetByTestId("control-version").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("router-version")).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var editor = page.GetByTestId("config-editor");
        var yaml = await editor.InputValueAsync();
        var route = "- name: local/chat\n  candidates:\n  - llama-3.1-8b-instruct";
        Assert.Contains(route, yaml);

        // A route to a model that does not exist is refused before it is saved.
        await editor.FillAsync(yaml.Replace(route, "- name: local/chat\n  candidates:\n  - no-such-model", StringComparison.Ordinal));
        await page.FluentButton("Save as new version").ClickAsync();
        await Expect(page.GetByTestId("config-problems")).ToContainTextAsync("no-such-model");
        await Expect(page.GetByTestId("control-version")).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // local/… aliases stay local, so the edit moves it to the other local model.
        await editor.FillAsync(yaml.Replace(route, "- name: local/chat\n  candidates:\n  - qwen2.5-coder-7b-instruct", StringComparison.Ordinal));
        await page.FluentButton("Check and show diff").ClickAsync();
        await Expect(page.GetByTestId("config-diff").Locator(".del")).ToHaveTextAsync("-   - llama-3.1-8b-instruct");
        await Expect(page.GetByTestId("config-diff").Locator(".add")).ToHaveTextAsync("+   - qwen2.5-coder-7b-instruct");
        await tab.ScreenshotAsync("models");
        await page.FluentButton("Save as new version").ClickAsync();
        var saved = (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("config-message")).ToContainTextAsync($"Saved as version {saved}");
        await Expect(page.GetByTestId("router-version")).ToHaveTextAsync(saved);
        using (var edited = await fabric.ChatAsync(fabric.DevKey, "local/chat"))
        {
            Assert.Equal("qwen2.5-coder-7b-instruct", DashboardFabric.Header(edited, "x-hybrid-model"));
        }

        await page.Locator($"tr[data-version='{before}']").FluentButton("Roll back to this").ClickAsync();
        var restored = (before + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("config-message")).ToContainTextAsync($"version {before} is now version {restored}");
        await Expect(page.GetByTestId("router-version")).ToHaveTextAsync(restored);
        using (var rolledBack = await fabric.ChatAsync(fabric.DevKey, "local/chat"))
        {
            Assert.Equal("llama-3.1-8b-instruct", DashboardFabric.Header(rolledBack, "x-hybrid-model"));
        }
        Assert.Empty(tab.Errors);
    }
}
