namespace HybridInference.Dashboard.Fabric;

// The shapes of the Router's operations API (Router/Operations) as the Dashboard reads them.

/// <summary>One routing decision of the Router's recent feed.</summary>
internal sealed record RoutingDecision(
    string RequestId, DateTimeOffset Timestamp, string CustomerId, string RequestedModel, string? ServedModel, string? Backend,
    string? Category, int Status, int FallbackCount, bool Spillover, bool Continued, bool LocalOnly, bool Flagged,
    double LatencyMs, double OverheadMs, string? KeyId, string? TraceId, int PromptTokens, int CompletionTokens, double? TimeToFirstTokenMs)
{
    public bool Succeeded => Status is >= 200 and < 400;
}

/// <summary>A backend's live state in the Router.</summary>
internal sealed record BackendView(
    string Name, string Url, bool Local, string Circuit, bool Available, bool Drained, string? LastError,
    int InFlight, int MaxConcurrency, EngineLoad? Load, int Requests, double? LatencyP50Ms, double? LatencyP95Ms);

/// <summary>An engine's own load from its <c>/metrics</c>.</summary>
internal sealed record EngineLoad(double WaitingRequests, double RunningRequests, double KvCacheUsage, double? TimeToFirstTokenSeconds);

/// <summary>The routing config version the Router uses.</summary>
internal sealed record ActiveConfig(long Version, string? Origin, string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>A <c>{"data": [...]}</c> list.</summary>
internal sealed record DataList<T>(IReadOnlyList<T> Data);
