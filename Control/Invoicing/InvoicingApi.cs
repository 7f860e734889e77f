using System.Globalization;
using System.Security.Claims;
using HybridInference.Control.Database;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HybridInference.Control.Invoicing;

internal static class InvoicingApi
{
    public static IEndpointRouteBuilder MapInvoicingApi(this IEndpointRouteBuilder app)
    {
        var invoicing = app.MapGroup("/invoicing").RequireAuthorization(ControlRoles.AdminPolicy);
        invoicing.MapPost("/generate", GenerateAsync);
        invoicing.MapGet("/invoices", ListAsync);
        return app;
    }

    /// <summary><c>POST /invoicing/generate?date=&lt;ISO&gt;&amp;dry_run=all|validate|none</c>: the calendar month before <c>date</c>.</summary>
    private static async Task<Results<Ok<InvoicingResult>, ValidationProblem>> GenerateAsync(
        string? date, [FromQuery(Name = "dry_run")] string? dryRun, InvoicingService invoicing, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!TryParseDay(date, out var day))
        {
            errors.Add("date", "an ISO 8601 date is required");
        }
        DryRun mode = default;
        if (!Enum.TryParse(dryRun ?? "all", ignoreCase: true, out mode) || int.TryParse(dryRun, out _))
        {
            errors.Add("dry_run", "must be all, validate or none");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await invoicing.GenerateAsync(InvoicingService.PreviousMonth(day), mode, user.Actor(), cancellationToken));
    }

    private static bool TryParseDay(string? value, out DateOnly day)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }
        DateTimeOffset instant = default;
        var ok = value?.Contains('T') == true && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
        day = DateOnly.FromDateTime(instant.UtcDateTime);
        return ok;
    }

    private static async Task<Ok<InvoiceView[]>> ListAsync([FromQuery(Name = "customer_id")] string? customerId, ControlDb db, CancellationToken cancellationToken)
    {
        var query = db.Invoices.AsNoTracking().Include(i => i.Lines).AsQueryable();
        if (customerId is not null)
        {
            query = query.Where(i => i.CustomerId == customerId);
        }
        var invoices = await query.OrderByDescending(i => i.PeriodStart).ThenBy(i => i.CustomerId).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(invoices.Select(i => InvoiceView.From(i, null)).ToArray());
    }
}
