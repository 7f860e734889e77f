namespace HybridInference.Control.Invoicing;

/// <summary>Marks a month as invoiced by the scheduler, so a restarted or second replica does not run it again.</summary>
internal sealed class InvoicingRun
{
    public DateOnly PeriodStart { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public int Invoices { get; set; }
}
