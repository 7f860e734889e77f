namespace HybridInference.Control.Invoicing;

/// <summary>Invoicing settings, section <c>Control:Invoicing</c>.</summary>
internal sealed record InvoicingOptions
{
    public const string Section = "Control:Invoicing";

    /// <summary>Where invoices are exported: <c>file</c> (default), <c>odoo</c> or <c>none</c>.</summary>
    public string Sink { get; init; } = "file";
    /// <summary>Folder of the file sink; default <c>.hybrid/invoices</c>.</summary>
    public string Directory { get; init; } = ".hybrid/invoices";
    /// <summary>Whether this replica runs the monthly schedule (several may: an advisory lock picks one); default true.</summary>
    public bool SchedulerEnabled { get; init; } = true;
    /// <summary>How often the scheduler wakes to catch up a missed run, in minutes; default 60.</summary>
    public int CheckIntervalMinutes { get; init; } = 60;
    /// <summary>Odoo base URL, e.g. <c>https://erp.example.com</c>; JSON-RPC goes to <c>/jsonrpc</c>.</summary>
    public string? OdooUrl { get; init; }
    /// <summary>Odoo database name.</summary>
    public string? OdooDatabase { get; init; }
    /// <summary>Odoo login.</summary>
    public string? OdooUsername { get; init; }
    /// <summary>Odoo password or API key (a secret file or parameter).</summary>
    public string? OdooPassword { get; init; }
}
