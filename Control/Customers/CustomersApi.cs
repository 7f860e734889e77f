using System.Security.Claims;
using System.Security.Cryptography;
using HybridInference.Control.Audit;
using HybridInference.Control.Changes;
using HybridInference.Control.Database;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HybridInference.Control.Customers;

internal static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/v1/admin/customers").RequireAuthorization(ControlRoles.AdminPolicy);
        customers.MapGet("/", ListAsync);
        customers.MapGet("/{id}", GetAsync);
        customers.MapPost("/", CreateAsync);
        customers.MapPut("/{id}", UpdateAsync);
        customers.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<CustomerView[]>> ListAsync(ControlDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Customers.AsNoTracking().Where(c => c.DeletedAt == null).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(CustomerView.From).ToArray());

    private const string Entity = "customer";

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetAsync(string id, ControlDb db, CancellationToken cancellationToken) =>
        await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken) is { } customer
            ? TypedResults.Ok(CustomerView.From(customer))
            : ControlProblems.NotFound(Entity, id);

    private static async Task<Results<Created<CustomerView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CustomerRequest request, ControlDb db, AuditLog audit, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Validate(creating: true) is { Any: true } errors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var id = request.Id ?? "cus_" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        if (await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ControlProblems.Conflict($"customer '{id}' already exists");
        }
        var now = time.GetUtcNow();
        var customer = new Customer { Id = id, Name = request.Name!, Email = request.Email, OdooPartnerId = request.OdooPartnerId, CreatedAt = now, UpdatedAt = now };
        db.Customers.Add(customer);
        audit.Record(db, user.Actor(), "create", "customer", id, CustomerView.From(customer));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/admin/customers/{id}", CustomerView.From(customer));
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string id, CustomerRequest request, ControlDb db, AuditLog audit, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Validate(creating: false) is { Any: true } errors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (await db.Customers.FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken) is not { } customer)
        {
            return ControlProblems.NotFound(Entity, id);
        }
        customer.Name = request.Name!;
        customer.Email = request.Email;
        customer.OdooPartnerId = request.OdooPartnerId;
        customer.UpdatedAt = time.GetUtcNow();
        audit.Record(db, user.Actor(), "update", "customer", id, CustomerView.From(customer));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CustomerView.From(customer));
    }

    /// <summary>Soft delete: the customer disappears and its keys are revoked, but past usage and invoices keep their owner.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, ControlDb db, AuditLog audit, IChangeNotifier changes, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.Customers.FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken) is not { } customer)
        {
            return ControlProblems.NotFound(Entity, id);
        }
        var now = time.GetUtcNow();
        customer.DeletedAt = now;
        var keys = await db.Keys.Where(k => k.CustomerId == id && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            key.RevokedAt = now;
            key.UpdatedAt = now;
        }
        audit.Record(db, user.Actor(), "delete", "customer", id, new { revoked_keys = keys.Select(k => k.Id) });
        await db.SaveChangesAsync(cancellationToken);
        foreach (var key in keys)
        {
            await changes.KeyChangedAsync(key.Hash, cancellationToken);
        }
        return TypedResults.NoContent();
    }
}
