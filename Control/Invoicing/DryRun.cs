namespace HybridInference.Control.Invoicing;

/// <summary>How far an invoicing run goes.</summary>
internal enum DryRun
{
    /// <summary>Compute and answer the invoices; write and export nothing.</summary>
    All,
    /// <summary>As <see cref="All"/>, and report customers already invoiced for the period.</summary>
    Validate,
    /// <summary>Write the invoices (skipping customers already invoiced) and export them.</summary>
    None,
}
