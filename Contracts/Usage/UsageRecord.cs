namespace HybridInference.Contracts.Usage;

/// <summary>
/// One metered request, written by the Router and ingested by Control. <see cref="RequestId"/> is unique:
/// ingestion ignores a record it has already stored, so replays never double-count.
/// </summary>
public sealed record UsageRecord
{
    /// <summary>The longest model id a record carries (requested and served).</summary>
    public const int MaxModelLength = 200;

    /// <summary>The Router's request id (also the <c>x-request-id</c> header).</summary>
    public required string RequestId { get; init; }
    /// <summary>When the request arrived at the Router (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>The virtual key's id in Control.</summary>
    public required string KeyId { get; init; }
    /// <summary>The customer owning the key.</summary>
    public required string CustomerId { get; init; }
    /// <summary>The model the client asked for (<c>auto</c>, a role, an alias or a catalog id).</summary>
    public required string RequestedModel { get; init; }
    /// <summary>The catalog model that served the request; priced by this id.</summary>
    public required string ServedModel { get; init; }
    /// <summary>The backend that served the request.</summary>
    public string? Backend { get; init; }
    /// <summary>The classifier's domain, when <c>auto</c> routed the request.</summary>
    public string? Category { get; init; }
    /// <summary>The API called: <c>chat.completions</c>, <c>completions</c> or <c>embeddings</c>.</summary>
    public string Endpoint { get; init; } = "chat.completions";
    /// <summary>Tokens in the prompt.</summary>
    public int PromptTokens { get; init; }
    /// <summary>Tokens generated.</summary>
    public int CompletionTokens { get; init; }
    /// <summary>Whole request time in milliseconds.</summary>
    public double LatencyMs { get; init; }
    /// <summary>Time to the first streamed byte in milliseconds, for streams.</summary>
    public double? TimeToFirstTokenMs { get; init; }
    /// <summary>HTTP status answered to the client.</summary>
    public int Status { get; init; }
    /// <summary>How many targets failed before one served.</summary>
    public int FallbackCount { get; init; }
    /// <summary>Whether the answer was streamed.</summary>
    public bool Stream { get; init; }
    /// <summary>What the guard made of it when not plainly passed: <c>unchecked</c> (classifier unavailable) or <c>flagged</c>.</summary>
    public string? Guard { get; init; }
    /// <summary>Whether the Router answered from its response cache (priced at the config's cache-hit price).</summary>
    public bool CacheHit { get; init; }
}

/// <summary>Body of Control's usage ingestion endpoint.</summary>
/// <param name="Records">Records in any order; duplicates by request id are ignored.</param>
public sealed record UsageBatch(IReadOnlyList<UsageRecord> Records);

/// <summary>Answer of usage ingestion.</summary>
/// <param name="Accepted">Records newly stored.</param>
/// <param name="Duplicates">Records already stored before (same request id), ignored.</param>
public sealed record UsageIngestResult(int Accepted, int Duplicates);
