using HybridInference.Router.Configuration;

namespace HybridInference.Router.Routing;

/// <summary>Where a request may go: ordered candidate models plus what <c>auto</c> and the guard decided.</summary>
/// <param name="Candidates">Catalog models in order of preference.</param>
/// <param name="Category">The classifier's domain for <c>auto</c>; <c>default</c> when it could not answer; null otherwise.</param>
/// <param name="LocalOnly">Personal data found and policy keeps it on local backends.</param>
/// <param name="Flagged">A jailbreak found and policy flags rather than blocks.</param>
/// <param name="RemoteBody">The body to send to remote backends (personal data redacted), or null to send the original.</param>
internal sealed record RoutePlan(ModelEntry[] Candidates, string? Category, bool LocalOnly, bool Flagged, ReadOnlyMemory<byte>? RemoteBody)
{
    public static RoutePlan Direct(ModelEntry[] candidates) => new(candidates, null, false, false, null);
}
