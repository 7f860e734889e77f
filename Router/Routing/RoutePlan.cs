using HybridInference.Router.Configuration;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Routing;

/// <summary>Where a request may go: ordered candidate models plus what <c>auto</c> and the guard decided.</summary>
/// <param name="Candidates">Catalog models in order of preference.</param>
/// <param name="Category">The classifier's domain for <c>auto</c>; <c>default</c> when it could not answer; null otherwise.</param>
/// <param name="LocalOnly">Only local backends may serve it: a local route, or personal data the policy keeps local.</param>
/// <param name="Flagged">A jailbreak found and policy flags rather than blocks.</param>
/// <param name="RemoteBody">The body to send to remote backends (personal data redacted), or null to send the original.</param>
/// <param name="Unchecked">The request was to be guarded but the classifier could not answer, and policy let it pass.</param>
internal sealed record RoutePlan(ModelEntry[] Candidates, string? Category, bool LocalOnly, bool Flagged, RequestBody? RemoteBody, bool Unchecked)
{
    public static RoutePlan Direct(RouteEntry route) => new(route.Candidates, null, route.LocalOnly, false, null, false);
}
