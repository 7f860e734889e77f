using HybridInference.Control.Customers;

namespace HybridInference.Control.Invoicing;

/// <summary>Where written invoices go (an ERP, files). Exports must be safe to repeat for the same invoice number.</summary>
internal interface IInvoiceSink
{
    /// <summary>Exports one invoice and answers where it went, e.g. <c>odoo:account.move/42</c>.</summary>
    Task<string> ExportAsync(Invoice invoice, Customer customer, CancellationToken cancellationToken);
}
