using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Control.Customers;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Invoicing;

/// <summary>
/// Creates a customer invoice (<c>account.move</c>, <c>out_invoice</c>) in Odoo over JSON-RPC (<c>/jsonrpc</c>,
/// <c>common.login</c> then <c>object.execute_kw</c>). The partner is the customer's <c>odoo_partner_id</c>, else the
/// <c>res.partner</c> whose <c>ref</c> is the customer id (created when missing). The move's <c>ref</c> is the invoice
/// number and is searched first, so a repeated export finds the move instead of creating a second one.
/// </summary>
internal sealed class OdooInvoiceSink(HttpClient http, IOptions<InvoicingOptions> options) : IInvoiceSink
{
    private int? _uid;
    private int _requestId;

    public async Task<string> ExportAsync(Invoice invoice, Customer customer, CancellationToken cancellationToken)
    {
        var existing = await ExecuteAsync("account.move", "search", [Domain("ref", invoice.Number)], cancellationToken);
        if (existing.AsArray().FirstOrDefault() is { } found)
        {
            return $"odoo:account.move/{found}";
        }
        var partner = customer.OdooPartnerId ?? await PartnerAsync(customer, cancellationToken);
        var lines = new JsonArray();
        foreach (var line in invoice.Lines)
        {
            lines.Add(new JsonArray(0, 0, new JsonObject
            {
                ["name"] = $"{line.Model}: {line.Requests} requests, {line.PromptTokens} prompt + {line.CompletionTokens} completion tokens",
                ["quantity"] = 1,
                ["price_unit"] = line.Amount,
            }));
        }
        var move = new JsonObject
        {
            ["move_type"] = "out_invoice",
            ["partner_id"] = partner,
            ["ref"] = invoice.Number,
            ["invoice_date"] = invoice.PeriodEnd.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["narration"] = $"Inference usage {invoice.PeriodStart:yyyy-MM-dd} to {invoice.PeriodEnd.AddDays(-1):yyyy-MM-dd} ({invoice.Currency})",
            ["invoice_line_ids"] = lines,
        };
        var id = await ExecuteAsync("account.move", "create", [move], cancellationToken);
        return $"odoo:account.move/{id}";
    }

    private async Task<int> PartnerAsync(Customer customer, CancellationToken cancellationToken)
    {
        var ids = await ExecuteAsync("res.partner", "search", [Domain("ref", customer.Id)], cancellationToken);
        if (ids.AsArray().FirstOrDefault() is { } id)
        {
            return id.GetValue<int>();
        }
        var partner = new JsonObject { ["name"] = customer.Name, ["ref"] = customer.Id, ["email"] = customer.Email, ["customer_rank"] = 1 };
        return (await ExecuteAsync("res.partner", "create", [partner], cancellationToken)).GetValue<int>();
    }

    private async Task<JsonNode> ExecuteAsync(string model, string method, JsonArray arguments, CancellationToken cancellationToken)
    {
        var o = options.Value;
        _uid ??= (await CallAsync("common", "login", new JsonArray(o.OdooDatabase, o.OdooUsername, o.OdooPassword), cancellationToken)) switch
        {
            JsonValue v when v.TryGetValue<int>(out var uid) => uid,
            _ => throw new InvoiceExportException("Odoo refused the login"),
        };
        return await CallAsync("object", "execute_kw", new JsonArray(o.OdooDatabase, _uid, o.OdooPassword, model, method, arguments), cancellationToken)
            ?? throw new InvoiceExportException($"Odoo answered nothing to {model}.{method}");
    }

    private async Task<JsonNode?> CallAsync(string service, string method, JsonArray args, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
            ["id"] = Interlocked.Increment(ref _requestId),
        };
        using var response = await http.PostAsJsonAsync(new Uri(new Uri(options.Value.OdooUrl!), "/jsonrpc"), request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? throw new InvoiceExportException("Odoo answered an empty body");
        if (answer["error"] is JsonObject error)
        {
            throw new InvoiceExportException($"Odoo {service}.{method}: {error["data"]?["message"] ?? error["message"]}");
        }
        return answer["result"];
    }

    // An Odoo search domain: a list of [field, operator, value] conditions.
    private static JsonArray Domain(string field, string value) => new(new JsonArray(field, "=", value));
}
