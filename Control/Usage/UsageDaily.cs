namespace HybridInference.Control.Usage;

/// <summary>Usage summed per UTC day, customer, key and served model; updated in the same transaction as ingestion.</summary>
internal sealed class UsageDaily
{
    public DateOnly Day { get; set; }
    public required string CustomerId { get; set; }
    public required string KeyId { get; set; }
    public required string Model { get; set; }
    public long Requests { get; set; }
    /// <summary>Of <see cref="Requests"/>, those answered from the Router's response cache.</summary>
    public long CacheHits { get; set; }
    public long PromptTokens { get; set; }
    public long CompletionTokens { get; set; }
    public decimal Cost { get; set; }
}
