using System.Text.Json;
using HybridInference.Control.Database;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HybridInference.Control.Audit;

internal static class AuditApi
{
    /// <summary>An audit entry as the admin API shows it.</summary>
    internal sealed record AuditEntryView(long Id, DateTimeOffset At, string Actor, string Action, string Entity, string EntityId, JsonElement? Details);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/admin/audit", ListAsync).RequireAuthorization(ControlRoles.AdminPolicy);
        return app;
    }

    /// <summary>Newest first; <paramref name="before"/> (an entry id) pages backwards.</summary>
    private static async Task<Results<Ok<AuditEntryView[]>, ValidationProblem>> ListAsync(
        ControlDb db, string? entity, [FromQuery(Name = "entity_id")] string? entityId, long? before, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? 100;
        if (take is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be between 1 and 1000"] });
        }
        var query = db.AuditLog.AsNoTracking();
        if (entity is not null)
        {
            query = query.Where(a => a.Entity == entity);
        }
        if (entityId is not null)
        {
            query = query.Where(a => a.EntityId == entityId);
        }
        if (before is not null)
        {
            query = query.Where(a => a.Id < before);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(a => new AuditEntryView(a.Id, a.At, a.Actor, a.Action, a.Entity, a.EntityId,
            a.Details is null ? null : JsonDocument.Parse(a.Details).RootElement.Clone())).ToArray());
    }
}
