using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HybridInference.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace HybridInference.Dashboard.Tests.Customers;

[Collection(DashboardCollection.Name)]
public sealed partial class CustomersAndKeysTests(DashboardFabric fabric)
{
    [Fact]
    public async Task A_key_issued_in_the_dashboard_serves_requests_that_show_in_live_routing_and_usage_then_is_revoked()
    {
        await using var tab = await fabric.OpenSignedInAsync("/customers");
        var page = tab.Page;

        var customer = "acme-" + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("input[name=customer-id]").FillAsync(customer);
        await page.Locator("input[name=customer-name]").FillAsync("Acme " + customer);
        await page.FluentButton("Create customer").ClickAsync();
        await Expect(page.GetByTestId("keys-message")).ToContainTextAsync($"({customer}) created");

        await page.Locator("select[name=key-customer]").SelectOptionAsync(customer);
        await page.Locator("input[name=key-name]").FillAsync("ci key");
        await page.Locator("input[name=key-models]").FillAsync("llama-3.1-8b-instruct, chat-fast");
        await page.Locator("input[name=key-rpm]").FillAsync("100");
        await page.Locator("input[name=key-budget]").FillAsync("5");
        await page.FluentButton("Issue key").ClickAsync();
        await Expect(page.GetByTestId("new-secret")).ToBeVisibleAsync();
        var secret = await page.GetByTestId("secret-value").InnerTextAsync();
        Assert.StartsWith("sk-", secret);
        var keyId = KeyIdPattern().Match(await page.GetByTestId("keys-message").InnerTextAsync()).Groups[1].Value;
        await page.GetByTestId("key-search").FillAsync(customer);
        var row = page.Locator($"tr[data-key-id='{keyId}']");
        await Expect(row).ToContainTextAsync("llama-3.1-8b-instruct, chat-fast");
        await Expect(row.GetByRole(AriaRole.Meter)).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("of 5.00");
        await tab.ScreenshotAsync("customers");

        using var response = await fabric.ChatAsync(secret, "llama-3.1-8b-instruct");
        Assert.True(response.IsSuccessStatusCode);
        var requestId = DashboardFabric.Header(response, "x-request-id");

        await tab.GotoAsync("/routing");
        await page.GetByTestId("filter-key").FillAsync(keyId);
        await page.GetByTestId("filter-key").PressAsync("Tab");
        await Expect(page.Locator($"tr[data-request-id='{requestId}']")).ToContainTextAsync(customer);
        await Expect(page.GetByTestId("decisions").Locator("tbody tr")).ToHaveCountAsync(1);

        // Usage reaches Control in batches: the page shows it once it has arrived.
        await tab.GotoAsync("/usage");
        await page.Locator("select[name=group-by]").SelectOptionAsync("key");
        await page.Locator("input[name=key]").FillAsync(keyId);
        await Poll.UntilAsync(async () =>
        {
            await page.FluentButton("Show").ClickAsync();
            return await page.GetByTestId("usage-table").Locator("tbody").InnerTextAsync() is var text && text.Contains(keyId, StringComparison.Ordinal) ? text : null;
        }, "the key's usage in Control");
        await Expect(page.GetByTestId("usage-table").Locator("tbody tr")).ToHaveCountAsync(1);

        await tab.GotoAsync("/customers");
        await page.GetByTestId("key-search").FillAsync(customer);
        await page.Locator($"tr[data-key-id='{keyId}']").FluentButton("Revoke").ClickAsync();
        await Expect(page.GetByTestId("keys-message")).ToContainTextAsync("revoked");
        await Poll.UntilAsync(async () =>
        {
            using var refused = await fabric.ChatAsync(secret, "llama-3.1-8b-instruct");
            return refused.StatusCode == System.Net.HttpStatusCode.Unauthorized ? "refused" : null;
        }, "the revoked key to be refused");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_keys_limits_edited_in_the_dashboard_are_stored_in_control_and_enforced_by_the_router()
    {
        using var control = fabric.CreateAdminClient();
        var customer = "edit-" + Guid.NewGuid().ToString("N")[..6];
        (await control.PostAsJsonAsync("/v1/admin/customers", new { id = customer, name = "Edit " + customer })).EnsureSuccessStatusCode();
        using var issued = await control.PostAsJsonAsync("/v1/admin/keys", new { customer_id = customer, name = "limits", requests_per_minute = 100, guard = "off" });
        var key = (await issued.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        var keyId = (string)key["id"]!;
        var secret = (string)key["key"]!;

        await using var tab = await fabric.OpenSignedInAsync("/customers");
        var page = tab.Page;
        await page.GetByTestId("key-search").FillAsync(customer);
        var row = page.Locator($"tr[data-key-id='{keyId}']");
        await row.FluentButton("Edit").ClickAsync();
        var editor = page.GetByTestId("key-editor");
        await Expect(editor.Locator("input[name=edit-rpm]")).ToHaveValueAsync("100");

        // Control's refusal says which field is wrong, and nothing is saved.
        await editor.Locator("input[name=edit-models]").FillAsync(new string('m', 201));
        await editor.FluentButton("Save key").ClickAsync();
        await Expect(page.GetByTestId("keys-message")).ToContainTextAsync("allowed_models: entries must be non-empty and at most 200 characters");
        await Expect(editor).ToBeVisibleAsync();

        await editor.Locator("input[name=edit-models]").FillAsync("llama-3.1-8b-instruct");
        await editor.Locator("input[name=edit-rpm]").FillAsync("1");
        await editor.Locator("input[name=edit-tpm]").FillAsync("5000");
        await editor.Locator("input[name=edit-budget]").FillAsync("7.5");
        await editor.Locator("input[name=edit-expires]").FillAsync("2099-01-31");
        await editor.FluentButton("Save key").ClickAsync();
        await Expect(page.GetByTestId("keys-message")).ToContainTextAsync($"({keyId}) saved");
        await Expect(editor).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("1 / 5000");
        await Expect(row).ToContainTextAsync("of 7.50");
        await Expect(row).ToContainTextAsync("2099-01-31");

        var stored = (await control.GetFromJsonAsync<JsonObject>($"/v1/admin/keys/{keyId}"))!;
        Assert.Equal(1, (int)stored["requests_per_minute"]!);
        Assert.Equal(5000, (int)stored["tokens_per_minute"]!);
        Assert.Equal(7.5m, (decimal)stored["monthly_budget"]!);
        Assert.Equal(["llama-3.1-8b-instruct"], stored["allowed_models"]!.AsArray().Select(m => (string)m!));
        Assert.Equal("off", (string?)stored["guard"]);

        // The Router hears of the change: with one request a minute, the second of two in a row is refused.
        await Poll.UntilAsync(async () =>
        {
            using var first = await fabric.ChatAsync(secret, "llama-3.1-8b-instruct");
            using var second = await fabric.ChatAsync(secret, "llama-3.1-8b-instruct");
            return second.StatusCode == HttpStatusCode.TooManyRequests ? "limited" : null;
        }, "the Router to enforce 1 request a minute");
        Assert.Empty(tab.Errors);
    }

    [GeneratedRegex(@"\((key_[0-9a-f]+)\)")]
    private static partial Regex KeyIdPattern();
}
