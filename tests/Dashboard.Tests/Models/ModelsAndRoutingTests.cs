using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

    [Fact]
    public async Task A_models_price_edited_in_its_form_is_a_new_version_shown_with_its_diff_on_the_page_and_in_control()
    {
        await using var tab = await fabric.OpenSignedInAsync("/models");
        var page = tab.Page;
        var row = page.Locator("tr[data-model='bge-m3']");
        await Expect(row).ToContainTextAsync("text→");
        await row.FluentButton("Edit").ClickAsync();
        var editor = page.GetByTestId("model-editor");
        await Expect(editor.Locator("input[name=model-name]")).ToHaveValueAsync("BGE-M3 embeddings");

        // Control's refusal names the field, and the form keeps what was typed.
        await editor.Locator("input[name=model-name]").FillAsync(new string('n', 201));
        await editor.FluentButton("Save model").ClickAsync();
        await Expect(page.GetByTestId("config-message")).ToContainTextAsync("name:");
        await Expect(editor).ToBeVisibleAsync();

        await editor.Locator("input[name=model-name]").FillAsync("BGE-M3 embeddings");
        await editor.Locator("input[name=model-prompt-price]").FillAsync("0.25");
        await editor.Locator("input[name=model-quantization]").FillAsync("fp16");
        await editor.FluentButton("Save model").ClickAsync();
        await Expect(page.GetByTestId("config-message")).ToContainTextAsync(new Regex(@"Model bge-m3 saved as version \d+"));
        await Expect(row.GetByTestId("prompt-price")).ToHaveTextAsync("0.25");
        await Expect(row).ToContainTextAsync("fp16");
        await Expect(page.GetByTestId("saved-diff").Locator(".add")).ToContainTextAsync(["0.00000025"]);

        using var control = fabric.CreateAdminClient();
        var stored = (await control.GetFromJsonAsync<JsonObject>("/v1/admin/models/bge-m3"))!;
        Assert.Equal(0.00000025m, (decimal)stored["pricing"]!["prompt"]!);
        Assert.Equal("fp16", (string?)stored["quantization"]);
        await tab.ScreenshotAsync("models-edit");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_route_edited_in_its_form_is_obeyed_by_the_router()
    {
        await using var tab = await fabric.OpenSignedInAsync("/models");
        var page = tab.Page;
        var editor = page.GetByTestId("route-editor");

        await page.Locator("[data-route='local/chat']").FluentButton("Edit").ClickAsync();
        await editor.Locator("input[name=route-candidates]").FillAsync("no-such-model");
        await editor.FluentButton("Save route").ClickAsync();
        await Expect(page.GetByTestId("config-message")).ToContainTextAsync("no-such-model");

        await editor.Locator("input[name=route-candidates]").FillAsync("qwen2.5-coder-7b-instruct");
        await editor.Locator("select[name=route-guard]").SelectOptionAsync("auto_only");
        await SaveRouteAsync(page);
        await Expect(page.Locator("[data-route='local/chat']")).ToContainTextAsync("qwen2.5-coder-7b-instruct, guard auto_only");
        using (var edited = await fabric.ChatAsync(fabric.DevKey, "local/chat"))
        {
            Assert.Equal("qwen2.5-coder-7b-instruct", DashboardFabric.Header(edited, "x-hybrid-model"));
        }

        // Put it back, through the form too.
        await page.Locator("[data-route='local/chat']").FluentButton("Edit").ClickAsync();
        await editor.Locator("input[name=route-candidates]").FillAsync("llama-3.1-8b-instruct");
        await editor.Locator("select[name=route-guard]").SelectOptionAsync("");
        await SaveRouteAsync(page);
        using (var restored = await fabric.ChatAsync(fabric.DevKey, "local/chat"))
        {
            Assert.Equal("llama-3.1-8b-instruct", DashboardFabric.Header(restored, "x-hybrid-model"));
        }
        Assert.Empty(tab.Errors);
    }

    // Saves the open route form and waits until the Router uses the version it made (the next one: nothing else writes).
    private async Task SaveRouteAsync(IPage page)
    {
        using var control = fabric.CreateAdminClient();
        var before = (await control.GetFromJsonAsync<JsonObject>("/v1/admin/config"))!["version"]!.GetValue<long>();
        await page.GetByTestId("route-editor").FluentButton("Save route").ClickAsync();
        await Expect(page.GetByTestId("config-message")).ToContainTextAsync($"Route local/chat saved as version {before + 1}.");
        await Expect(page.GetByTestId("saved-diff").Locator(".add")).Not.ToHaveCountAsync(0);
        await fabric.WaitForRouterConfigAsync(before + 1);
    }
}
