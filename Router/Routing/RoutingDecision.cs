namespace HybridInference.Router.Routing;

/// <summary>One routing decision as shown on the Dashboard's live feed (<c>/v1/routing/recent</c>).</summary>
internal sealed record RoutingDecision(
    string RequestId,
    DateTimeOffset Timestamp,
    string CustomerId,
    string RequestedModel,
    string? ServedModel,
    string? Backend,
    string? Category,
    int Status,
    int FallbackCount,
    bool Spillover,
    bool Continued,
    bool LocalOnly,
    bool Flagged,
    double LatencyMs,
    double OverheadMs)
{
    /// <summary>The key that sent the request.</summary>
    public string? KeyId { get; init; }
    /// <summary>W3C trace id of the request's trace, for a link into the traces view.</summary>
    public string? TraceId { get; init; }
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    /// <summary>Time to first token of a stream, in milliseconds.</summary>
    public double? TimeToFirstTokenMs { get; init; }
}
