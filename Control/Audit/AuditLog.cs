using System.Text.Json;
using HybridInference.Contracts;
using HybridInference.Control.Database;

namespace HybridInference.Control.Audit;

/// <summary>Adds audit entries to the caller's unit of work, so a change and its record commit together.</summary>
internal sealed class AuditLog(TimeProvider time)
{
    public void Record(ControlDb db, string actor, string action, string entity, string entityId, object? details = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Details = details is null ? null : JsonSerializer.Serialize(details, ContractJson.Options),
        });
}
