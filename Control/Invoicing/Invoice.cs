namespace HybridInference.Control.Invoicing;

/// <summary>A customer's invoice for one calendar month; unique per customer and period.</summary>
internal sealed class Invoice
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public required string CustomerId { get; set; }
    public DateOnly PeriodStart { get; set; }
    /// <summary>First day after the period.</summary>
    public DateOnly PeriodEnd { get; set; }
    public required string Currency { get; set; }
    /// <summary>Sum of the rounded line amounts.</summary>
    public decimal Total { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExportedAt { get; set; }
    /// <summary>Where the export went, e.g. <c>odoo:account.move/42</c> or a file path.</summary>
    public string? ExternalRef { get; set; }
    public List<InvoiceLine> Lines { get; set; } = [];
}
