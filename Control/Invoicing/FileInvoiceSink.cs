using System.Globalization;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts;
using HybridInference.Control.Customers;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Invoicing;

/// <summary>Writes each invoice as <c>&lt;number&gt;.json</c> and <c>&lt;number&gt;.csv</c>; rewriting the same number is harmless.</summary>
internal sealed class FileInvoiceSink(IOptions<InvoicingOptions> options) : IInvoiceSink
{
    public async Task<string> ExportAsync(Invoice invoice, Customer customer, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.Directory);
        Directory.CreateDirectory(directory);
        var view = InvoiceView.From(invoice, customer.Name);
        var json = Path.Combine(directory, invoice.Number + ".json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(view, ContractJson.Options), cancellationToken);

        var csv = new StringBuilder("invoice,customer_id,period_start,period_end,currency,model,requests,prompt_tokens,completion_tokens,cost,amount\n");
        foreach (var line in view.Lines)
        {
            Csv.Row(csv, view.Number, view.CustomerId, Day(view.PeriodStart), Day(view.PeriodEnd), view.Currency, line.Model,
                Invariant(line.Requests), Invariant(line.PromptTokens), Invariant(line.CompletionTokens), line.Cost, line.Amount);
        }
        Csv.Row(csv, view.Number, view.CustomerId, Day(view.PeriodStart), Day(view.PeriodEnd), view.Currency, "total", "", "", "", "", view.Total);
        await File.WriteAllTextAsync(Path.Combine(directory, invoice.Number + ".csv"), csv.ToString(), cancellationToken);
        return json;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
