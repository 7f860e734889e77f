using HybridInference.Router.Configuration;
using HybridInference.Router.Requests;
using HybridInference.Router.Targets;

namespace HybridInference.Router.Routing;

/// <summary>Where a request may go: ordered candidate models plus what <c>auto</c> and the guard decided.</summary>
/// <param name="Candidates">Catalog models in order of preference.</param>
/// <param name="Category">The classifier's domain for <c>auto</c>; <c>default</c> when it could not answer; null otherwise.</param>
/// <param name="LocalOnly">Only local backends may serve it: a local route, or personal data the policy keeps local.</param>
/// <param name="RemoteBody">The body to send to remote backends (personal data redacted), or null to send the original.</param>
internal sealed record RoutePlan(ModelEntry[] Candidates, string? Category, bool LocalOnly, RequestBody? RemoteBody = null)
{
    /// <summary>The guard's verdict, or null when the request was not guarded.</summary>
    public GuardVerdict? Guard { get; init; }

    /// <summary>Probability of <see cref="Category"/> from the classifier stage that decided it; null when no classifier did.</summary>
    public double? CategoryScore { get; init; }

    /// <summary>Which classifier stage decided <see cref="Category"/> (<c>fasttext</c> or <c>encoder</c>), as the Classifier reports it.</summary>
    public string? ClassifierStage { get; init; }

    /// <summary>A jailbreak found and policy flags rather than blocks.</summary>
    public bool Flagged => Guard == GuardVerdict.Flagged;

    public static RoutePlan Direct(RouteEntry route) => new(route.Candidates, null, route.LocalOnly);
}
