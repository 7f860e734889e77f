using HybridInference.Contracts.Configuration;
using HybridInference.Router.Requests;
using HybridInference.Router.Classification;
using HybridInference.Router.Configuration;

namespace HybridInference.Router.Routing;

/// <summary>
/// Applies the <c>auto</c> rules: classify, refuse or flag jailbreaks, keep personal data local or redact it, and
/// map the domain to a route. A missing or slow classifier means the default route.
/// </summary>
internal sealed class RouteResolver(ClassifierClient classifier)
{
    public const string UnclassifiedCategory = "default";

    public async ValueTask<AutoOutcome> ResolveAutoAsync(RoutingTable table, RequestBody body, ApiKind api, CancellationToken cancellationToken)
    {
        var auto = table.Auto;
        var prompt = PromptTexts.Extract(body.Json, api);
        var classification = await classifier.ClassifyAsync(prompt, TimeSpan.FromMilliseconds(auto.ClassifierTimeoutMs), cancellationToken);
        if (classification is null)
        {
            return new AutoOutcome(new RoutePlan(table.Candidates(auto.DefaultRoute) ?? [], UnclassifiedCategory, false, false, null), null);
        }
        var guard = table.Guard;
        var flagged = false;
        var jailbreak = guard.JailbreakThreshold is { } threshold ? classification.Jailbreak >= threshold : classification.JailbreakLabelled;
        if (jailbreak)
        {
            if (guard.JailbreakAction == JailbreakAction.Block)
            {
                return new AutoOutcome(null, "Your request was refused by the content policy (possible jailbreak attempt).");
            }
            flagged = true;
        }
        var route = classification.Domain is { } domain && auto.Domains.TryGetValue(domain, out var mapped) ? mapped : auto.DefaultRoute;
        var candidates = table.Candidates(route) ?? [];
        var localOnly = false;
        ReadOnlyMemory<byte>? remoteBody = null;
        if (classification.HasPii)
        {
            switch (guard.PiiAction)
            {
                case PiiAction.LocalOnly:
                    localOnly = true;
                    break;
                case PiiAction.Redact:
                    remoteBody = PiiRedactor.Redact(body.Json, prompt, classification.Pii);
                    break;
            }
        }
        return new AutoOutcome(new RoutePlan(candidates, classification.Domain ?? UnclassifiedCategory, localOnly, flagged, remoteBody), null);
    }
}

/// <summary>A plan, or the content-policy refusal message.</summary>
internal readonly record struct AutoOutcome(RoutePlan? Plan, string? Refusal);
