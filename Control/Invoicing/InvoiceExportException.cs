namespace HybridInference.Control.Invoicing;

/// <summary>The ERP refused an export (e.g. an Odoo JSON-RPC error).</summary>
internal sealed class InvoiceExportException(string message) : Exception(message);
