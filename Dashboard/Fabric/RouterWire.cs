namespace HybridInference.Dashboard.Fabric;

// The shapes of the Router's operations API (Router/Operations) as the Dashboard reads them.

/// <summary>One routing decision of the Router's recent feed.</summary>
/// <param name="CategoryScore">Probability of <paramref name="Category"/> from the classifier stage that decided it.</param>
/// <param name="ClassifierStage">That stage: <c>fasttext</c> or <c>encoder</c>.</param>
/// <param name="Guard"><c>passed</c>, <c>flagged</c>, <c>blocked</c> or <c>unchecked</c>; null when the guard did not run.</param>
internal sealed record RoutingDecision(
    string RequestId, DateTimeOffset Timestamp, string CustomerId, string RequestedModel, string? ServedModel, string? Backend,
    string? Category, int Status, int FallbackCount, bool Spillover, bool Continued, bool LocalOnly, bool Flagged,
    double LatencyMs, double OverheadMs, string? KeyId, string? TraceId, int PromptTokens, int CompletionTokens, double? TimeToFirstTokenMs,
    double? CategoryScore = null, string? ClassifierStage = null, string? Guard = null)
{
    /// <summary>What a guard filter of <c>off</c> matches: decisions the guard did not run on.</summary>
    public const string GuardOff = "off";

    public bool Succeeded => Status is >= 200 and < 400;

    /// <summary>The guard's outcome, or <see cref="GuardOff"/> when it did not run.</summary>
    public string GuardOutcome => Guard ?? GuardOff;

    /// <summary>Category with its score, e.g. <c>coding 0.97</c>; null for an explicit model.</summary>
    public string? ScoredCategory => Category is null ? null
        : CategoryScore is { } score ? $"{Category} {score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}" : Category;
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
