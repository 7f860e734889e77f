using System.Globalization;

namespace HybridInference.Control.Invoicing;

/// <summary>An invoice as the API shows it; money as decimal strings (totals to the cent).</summary>
internal sealed record InvoiceView(
    string Number, string CustomerId, string? CustomerName, DateOnly PeriodStart, DateOnly PeriodEnd, string Currency, string Total,
    IReadOnlyList<InvoiceLineView> Lines, DateTimeOffset? ExportedAt, string? ExternalRef)
{
    public static InvoiceView From(Invoice i, string? customerName) => new(
        i.Number, i.CustomerId, customerName, i.PeriodStart, i.PeriodEnd, i.Currency, Cents(i.Total),
        [.. i.Lines.Select(l => new InvoiceLineView(l.Model, l.Requests, l.PromptTokens, l.CompletionTokens,
            l.Cost.ToString("0.##########", CultureInfo.InvariantCulture), Cents(l.Amount)))],
        i.ExportedAt, i.ExternalRef);

    public static string Cents(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>One model's usage: exact cost and the amount billed (cost rounded to cents, midpoint away from zero).</summary>
internal sealed record InvoiceLineView(string Model, long Requests, long PromptTokens, long CompletionTokens, string Cost, string Amount);
