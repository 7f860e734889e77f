namespace HybridInference.Control.Audit;

/// <summary>One change made through the admin API or the command line.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>E.g. <c>create</c>, <c>update</c>, <c>delete</c>, <c>revoke</c>, <c>rotate</c>.</summary>
    public required string Action { get; set; }
    /// <summary>E.g. <c>customer</c>, <c>key</c>, <c>model</c>, <c>config</c>.</summary>
    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    /// <summary>JSON (jsonb) describing the change; never holds secrets.</summary>
    public string? Details { get; set; }
}
