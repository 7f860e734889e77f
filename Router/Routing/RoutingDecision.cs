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
    double OverheadMs);
