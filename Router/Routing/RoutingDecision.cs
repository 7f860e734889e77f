using System.Diagnostics;

namespace HybridInference.Router.Routing;

/// <summary>
/// One routing decision as shown on the Dashboard's live feed (<c>/v1/routing/recent</c>): a request that was forwarded or
/// answered from the cache, or one the guard refused.
/// </summary>
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
    public string? KeyId { get; private set; }
    /// <summary>W3C trace id of the request's trace, for a link into the traces view.</summary>
    public string? TraceId { get; private set; }
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    /// <summary>Time to first token of a stream, in milliseconds.</summary>
    public double? TimeToFirstTokenMs { get; init; }
    /// <summary>Probability of <see cref="Category"/> from the classifier stage that decided it.</summary>
    public double? CategoryScore { get; private set; }
    /// <summary>The classifier stage that decided <see cref="Category"/>: <c>fasttext</c> or <c>encoder</c>.</summary>
    public string? ClassifierStage { get; private set; }
    /// <summary>The guard's verdict (<c>passed</c>, <c>flagged</c>, <c>blocked</c>, <c>unchecked</c>); null when the guard did not run.</summary>
    public string? Guard { get; private set; }

    /// <summary>
    /// Completes this new decision with what the key, the current trace and the plan's classification and guard add to
    /// it (in place: one decision per request is allocated, not two).
    /// </summary>
    public RoutingDecision Complete(string? keyId, RoutePlan plan)
    {
        KeyId = keyId;
        TraceId = Activity.Current?.TraceId.ToHexString();
        CategoryScore = plan.CategoryScore;
        ClassifierStage = plan.ClassifierStage;
        Guard = plan.Guard?.Name();
        return this;
    }
}
