namespace HybridInference.Control.Usage;

/// <summary>A stored usage record; <see cref="RequestId"/> is unique so replays are ignored.</summary>
internal sealed class UsageRow
{
    public required string RequestId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string KeyId { get; set; }
    public required string CustomerId { get; set; }
    public required string RequestedModel { get; set; }
    public required string ServedModel { get; set; }
    public string? Backend { get; set; }
    public string? Category { get; set; }
    public required string Endpoint { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public double LatencyMs { get; set; }
    public double? TimeToFirstTokenMs { get; set; }
    public int Status { get; set; }
    public int FallbackCount { get; set; }
    public bool Stream { get; set; }
    /// <summary>The guard's mark when not plainly passed (<c>unchecked</c>, <c>flagged</c>), or null.</summary>
    public string? Guard { get; set; }
    /// <summary>Answered from the Router's response cache: priced at the cache-hit price.</summary>
    public bool CacheHit { get; set; }
    /// <summary>Priced at ingestion with the model price in force at <see cref="Timestamp"/>.</summary>
    public decimal Cost { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
}
