using HybridInference.Control.Customers;

namespace HybridInference.Control.Invoicing;

/// <summary>Keeps invoices in the database only (<c>Sink: none</c>).</summary>
internal sealed class NoInvoiceSink : IInvoiceSink
{
    public Task<string> ExportAsync(Invoice invoice, Customer customer, CancellationToken cancellationToken) => Task.FromResult("none");
}
