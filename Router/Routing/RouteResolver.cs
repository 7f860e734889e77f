using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Classification;
using HybridInference.Router.Configuration;
using HybridInference.Router.Observability;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Routing;

/// <summary>
/// Turns the model a request names into a plan. Guarded requests (by the key's, the route's or the config's guard
/// mode) are classified first: jailbreaks refused or flagged, personal data kept local or redacted; <c>auto</c> also
/// maps the domain to a route. A classifier that cannot answer means the default route for <c>auto</c>, and for a
/// guarded request either a pass marked unchecked or a 503, as the policy says.
/// </summary>
internal sealed class RouteResolver(ClassifierClient classifier, RouterTelemetry telemetry)
{
    public const string UnclassifiedCategory = "default";

    private static readonly Refusal Jailbreak = Refusal.BadRequest(
        "Your request was refused by the content policy (possible jailbreak attempt).", code: "content_policy_violation");

    private static readonly Refusal Unchecked = Refusal.Unavailable(
        "The content policy could not check this request (the classifier is unavailable); try again shortly.", "classifier_unavailable");

    /// <summary>Resolves a known model name (the caller checked <see cref="RoutingTable.IsKnown"/>).</summary>
    public ValueTask<RouteOutcome> ResolveAsync(RoutingTable table, RequestBody body, ApiKind api, KeyPolicy key, CancellationToken cancellationToken)
    {
        var isAuto = body.Model == RouterConfigValidator.AutoModel;
        var route = isAuto ? null : table.Route(body.Model)!;
        var mode = key.Guard ?? route?.Guard ?? table.Guard.Mode;
        var guarded = api != ApiKind.Embeddings && (mode == GuardMode.All || (mode == GuardMode.AutoOnly && isAuto));
        if (!isAuto && !guarded)
        {
            return ValueTask.FromResult(new RouteOutcome(RoutePlan.Direct(route!), null));
        }
        return ClassifyAsync(table, body, api, key, route, guarded, cancellationToken);
    }

    private async ValueTask<RouteOutcome> ClassifyAsync(
        RoutingTable table, RequestBody body, ApiKind api, KeyPolicy key, RouteEntry? named, bool guarded, CancellationToken cancellationToken)
    {
        var auto = table.Auto;
        var prompt = PromptTexts.Extract(body);
        var classification = await classifier.ClassifyAsync(prompt, TimeSpan.FromMilliseconds(auto.ClassifierTimeoutMs), cancellationToken);
        if (classification is null)
        {
            var fallback = named ?? table.Route(auto.DefaultRoute)!;
            var unclassified = new RoutePlan(fallback.Candidates, named is null ? UnclassifiedCategory : null, fallback.LocalOnly)
            {
                Guard = guarded ? GuardVerdict.Unchecked : null,
            };
            if (guarded)
            {
                var policy = key.OnClassifierUnavailable ?? named?.OnClassifierUnavailable ?? table.Guard.OnClassifierUnavailable;
                telemetry.GuardUnchecked.Add(1, new KeyValuePair<string, object?>("outcome", policy == ClassifierUnavailablePolicy.Closed ? "refused" : "passed"));
                if (policy == ClassifierUnavailablePolicy.Closed)
                {
                    return new RouteOutcome(unclassified, Unchecked);
                }
            }
            return new RouteOutcome(unclassified, null);
        }

        var route = named;
        string? category = null;
        if (named is null)
        {
            var mapped = classification.Domain is { } domain && auto.Domains.TryGetValue(domain, out var name) ? name : auto.DefaultRoute;
            route = table.Route(mapped)!;
            category = classification.Domain ?? UnclassifiedCategory;
        }
        GuardVerdict? verdict = null;
        var localOnly = route!.LocalOnly;
        RequestBody? remoteBody = null;
        if (guarded)
        {
            var guard = table.Guard;
            var jailbreak = guard.JailbreakThreshold is { } threshold ? classification.Jailbreak >= threshold : classification.JailbreakLabelled;
            verdict = !jailbreak ? GuardVerdict.Passed : guard.JailbreakAction == JailbreakAction.Block ? GuardVerdict.Blocked : GuardVerdict.Flagged;
            if (verdict != GuardVerdict.Blocked && classification.HasPii)
            {
                switch (guard.PiiAction)
                {
                    case PiiAction.LocalOnly:
                        localOnly = true;
                        break;
                    case PiiAction.Redact:
                        remoteBody = RequestBody.Parse(PiiRedactor.Redact(body, prompt, classification.Pii), api, out _, out _);
                        break;
                }
            }
        }
        var plan = new RoutePlan(route.Candidates, category, localOnly, remoteBody)
        {
            Guard = verdict,
            CategoryScore = named is null ? classification.DomainScore : null,
            ClassifierStage = named is null ? classification.DomainStage : null,
        };
        return new RouteOutcome(plan, verdict == GuardVerdict.Blocked ? Jailbreak : null);
    }
}

/// <summary>The plan to follow, or why the request is refused.</summary>
/// <param name="Plan">The plan; with a refusal, the plan the guard stopped (its verdict and category, for the decision feed).</param>
/// <param name="Refusal">Why the request is refused, or null to follow the plan.</param>
internal readonly record struct RouteOutcome(RoutePlan Plan, Refusal? Refusal);
