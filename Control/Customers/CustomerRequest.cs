namespace HybridInference.Control.Customers;

/// <summary>Body of customer create (<c>POST</c>) and update (<c>PUT</c>).</summary>
/// <param name="Id">Chosen id (letters, digits, <c>-</c>, <c>_</c>) on create; generated when null. Ignored on update.</param>
/// <param name="Name">Display and billing name.</param>
/// <param name="Email">Billing email.</param>
/// <param name="OdooPartnerId">The customer's <c>res.partner</c> id in Odoo, when known.</param>
internal sealed record CustomerRequest(string? Id, string? Name, string? Email, int? OdooPartnerId)
{
    public FieldErrors Validate(bool creating)
    {
        var errors = new FieldErrors().Required("name", Name, 200).Length("email", Email, 320);
        if (creating && Id is not null && (Id.Length is 0 or > 64 || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors.Add("id", "must be 1-64 letters, digits, '-' or '_'");
        }
        return errors;
    }
}

/// <summary>A customer as the admin API shows it.</summary>
internal sealed record CustomerView(string Id, string Name, string? Email, int? OdooPartnerId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CustomerView From(Customer c) => new(c.Id, c.Name, c.Email, c.OdooPartnerId, c.CreatedAt, c.UpdatedAt);
}
