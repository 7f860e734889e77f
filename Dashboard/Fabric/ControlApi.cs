using System.Net.Http.Headers;
using HybridInference.Contracts.Configuration;

namespace HybridInference.Dashboard.Fabric;

/// <summary>Control's admin API: customers, keys, usage, invoicing and the versioned router config.</summary>
internal sealed class ControlApi(HttpClient http) : AdminClient(http)
{
    public Task<CustomerView[]> CustomersAsync(CancellationToken cancellationToken) =>
        GetAsync<CustomerView[]>("/v1/admin/customers", cancellationToken);

    public Task<CustomerView> CreateCustomerAsync(string? id, string name, string? email, CancellationToken cancellationToken) =>
        SendAsync<CustomerView>(HttpMethod.Post, "/v1/admin/customers", new { id = string.IsNullOrWhiteSpace(id) ? null : id, name, email }, cancellationToken);

    public Task<KeyView[]> KeysAsync(CancellationToken cancellationToken) => GetAsync<KeyView[]>("/v1/admin/keys", cancellationToken);

    public Task<KeyView> CreateKeyAsync(KeyRequest request, CancellationToken cancellationToken) =>
        SendAsync<KeyView>(HttpMethod.Post, "/v1/admin/keys", request, cancellationToken);

    public Task<KeyView> UpdateKeyAsync(string id, KeyRequest request, CancellationToken cancellationToken) =>
        SendAsync<KeyView>(HttpMethod.Put, $"/v1/admin/keys/{Uri.EscapeDataString(id)}", request, cancellationToken);

    public Task<KeyView> RevokeKeyAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<KeyView>(HttpMethod.Post, $"/v1/admin/keys/{Uri.EscapeDataString(id)}/revoke", null, cancellationToken);

    public Task<KeyView> RotateKeyAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<KeyView>(HttpMethod.Post, $"/v1/admin/keys/{Uri.EscapeDataString(id)}/rotate", null, cancellationToken);

    /// <summary>Usage for <paramref name="start"/>..<paramref name="end"/> (dates inclusive, or date-times), grouped by day, model, key or customer.</summary>
    public Task<UsageReport> UsageAsync(string start, string end, string groupBy, string? customerId, string? keyId, string? model, CancellationToken cancellationToken) =>
        GetAsync<UsageReport>(UsagePath(start, end, groupBy, customerId, keyId, model), cancellationToken);

    public async Task<string> UsageCsvAsync(string start, string end, string groupBy, string? customerId, string? keyId, string? model, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, UsagePath(start, end, groupBy, customerId, keyId, model));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Invoices the calendar month before <paramref name="date"/>; <paramref name="dryRun"/> is <c>all</c>, <c>validate</c> or <c>none</c>.</summary>
    public Task<InvoicingResult> GenerateInvoicesAsync(DateOnly date, string dryRun, CancellationToken cancellationToken) =>
        SendAsync<InvoicingResult>(HttpMethod.Post, $"/invoicing/generate?date={date:yyyy-MM-dd}&dry_run={Uri.EscapeDataString(dryRun)}", null, cancellationToken);

    public Task<InvoiceView[]> InvoicesAsync(CancellationToken cancellationToken) => GetAsync<InvoiceView[]>("/invoicing/invoices", cancellationToken);

    public Task<ConfigVersionView> CurrentConfigAsync(CancellationToken cancellationToken) =>
        GetAsync<ConfigVersionView>("/v1/admin/config", cancellationToken);

    public Task<ConfigVersionSummary[]> ConfigVersionsAsync(CancellationToken cancellationToken) =>
        GetAsync<ConfigVersionSummary[]>("/v1/admin/config/versions", cancellationToken);

    public Task<ConfigVersionView> ConfigVersionAsync(long version, CancellationToken cancellationToken) =>
        GetAsync<ConfigVersionView>($"/v1/admin/config/versions/{version}", cancellationToken);

    /// <summary>Saves the YAML as a new version; Control validates it and says every problem.</summary>
    public async Task<ConfigVersionSummary> SaveConfigAsync(string yaml, CancellationToken cancellationToken)
    {
        using var content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml");
        using var response = await Http.PutAsync("/v1/admin/config", content, cancellationToken);
        return await ReadAsync<ConfigVersionSummary>(response, cancellationToken);
    }

    public Task<CatalogModelView[]> CatalogModelsAsync(CancellationToken cancellationToken) =>
        GetAsync<CatalogModelView[]>("/v1/admin/models", cancellationToken);

    /// <summary>Saves one model (routing part and listing metadata) as a new config version.</summary>
    public Task<ConfigVersionSummary> SaveModelAsync(CatalogModelView model, CancellationToken cancellationToken) =>
        SendAsync<ConfigVersionSummary>(HttpMethod.Put, $"/v1/admin/models/{Uri.EscapeDataString(model.Id)}", model, cancellationToken);

    /// <summary>Saves one route as a new config version; its name may hold '/', as aliases like <c>local/chat</c> do.</summary>
    public Task<ConfigVersionSummary> SaveRouteAsync(string name, RouteRequest route, CancellationToken cancellationToken) =>
        SendAsync<ConfigVersionSummary>(HttpMethod.Put, "/v1/admin/routes/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString)), route, cancellationToken);

    /// <summary>Rolls back: the old version's config becomes a new version.</summary>
    public Task<ConfigVersionSummary> RestoreConfigAsync(long version, CancellationToken cancellationToken) =>
        SendAsync<ConfigVersionSummary>(HttpMethod.Post, $"/v1/admin/config/versions/{version}/restore", null, cancellationToken);

    private static string UsagePath(string start, string end, string groupBy, string? customerId, string? keyId, string? model)
    {
        var path = $"/usage?start_date={Uri.EscapeDataString(start)}&end_date={Uri.EscapeDataString(end)}&group_by={Uri.EscapeDataString(groupBy)}";
        if (!string.IsNullOrWhiteSpace(customerId))
        {
            path += "&customer_id=" + Uri.EscapeDataString(customerId);
        }
        if (!string.IsNullOrWhiteSpace(keyId))
        {
            path += "&key_id=" + Uri.EscapeDataString(keyId);
        }
        if (!string.IsNullOrWhiteSpace(model))
        {
            path += "&model=" + Uri.EscapeDataString(model);
        }
        return path;
    }
}
