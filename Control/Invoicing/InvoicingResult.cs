namespace HybridInference.Control.Invoicing;

/// <summary>Answer of an invoicing run.</summary>
/// <param name="Invoices">Invoices computed (dry runs) or written by this run.</param>
/// <param name="Duplicates">Customers already invoiced for the period (<c>validate</c> and <c>none</c>), left untouched.</param>
/// <param name="UnknownCustomers">Customer ids with usage but no customer record; not invoiced.</param>
/// <param name="ExportErrors">Invoice number → why its export failed; retried by the next run.</param>
internal sealed record InvoicingResult(
    DateOnly PeriodStart, DateOnly PeriodEnd, string DryRun, string Total, IReadOnlyList<InvoiceView> Invoices,
    IReadOnlyList<string> Duplicates, IReadOnlyList<string> UnknownCustomers, IReadOnlyDictionary<string, string> ExportErrors);
