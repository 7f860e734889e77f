namespace HybridInference.Control.Customers;

/// <summary>Someone who is billed for usage; owns virtual keys.</summary>
internal sealed class Customer
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    /// <summary>The customer's <c>res.partner</c> id in Odoo, when known; looked up by <see cref="Id"/> otherwise.</summary>
    public int? OdooPartnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when deleted: the row stays so past usage and invoices keep their owner.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
