namespace HybridInference.Control.Invoicing;

/// <summary>One model's usage on an invoice.</summary>
internal sealed class InvoiceLine
{
    public long Id { get; set; }
    public long InvoiceId { get; set; }
    public required string Model { get; set; }
    public long Requests { get; set; }
    public long PromptTokens { get; set; }
    public long CompletionTokens { get; set; }
    /// <summary>Exact cost before rounding.</summary>
    public decimal Cost { get; set; }
    /// <summary><see cref="Cost"/> rounded to cents, midpoint away from zero.</summary>
    public decimal Amount { get; set; }
}
