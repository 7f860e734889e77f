using HybridInference.Router.Routing;

namespace HybridInference.Router.Operations;

/// <summary>Query of <c>GET /v1/operations/decisions</c>; every given field must match.</summary>
/// <param name="Key">Key id.</param>
/// <param name="Customer">Customer id.</param>
/// <param name="Model">Requested or served model.</param>
/// <param name="Category">The classifier's domain.</param>
/// <param name="Status">HTTP status, or <c>ok</c> / <c>error</c> for 2xx–3xx / the rest.</param>
/// <param name="Since">Received at or after.</param>
/// <param name="Until">Received before.</param>
/// <param name="RequestId">One request.</param>
/// <param name="Limit">At most this many, newest first; default 100.</param>
internal sealed record DecisionFilter(
    string? Key, string? Customer, string? Model, string? Category, string? Status,
    DateTimeOffset? Since, DateTimeOffset? Until, string? RequestId, int? Limit)
{
    public List<RoutingDecision> Apply(List<RoutingDecision> decisions)
    {
        var limit = Math.Clamp(Limit ?? 100, 1, 1000);
        var matching = new List<RoutingDecision>(Math.Min(limit, decisions.Count));
        foreach (var decision in decisions)
        {
            if (matching.Count == limit)
            {
                break;
            }
            if (Matches(decision))
            {
                matching.Add(decision);
            }
        }
        return matching;
    }

    private bool Matches(RoutingDecision decision) =>
        Is(Key, decision.KeyId) && Is(Customer, decision.CustomerId) && Is(Category, decision.Category) && Is(RequestId, decision.RequestId)
        && (string.IsNullOrEmpty(Model) || Model == decision.RequestedModel || Model == decision.ServedModel)
        && StatusMatches(decision.Status)
        && (Since is not { } since || decision.Timestamp >= since) && (Until is not { } until || decision.Timestamp < until);

    private static bool Is(string? wanted, string? actual) => string.IsNullOrEmpty(wanted) || string.Equals(wanted, actual, StringComparison.Ordinal);

    private bool StatusMatches(int status) => Status switch
    {
        null or "" => true,
        "ok" => status is >= 200 and < 400,
        "error" => status >= 400,
        _ => int.TryParse(Status, out var code) && code == status,
    };
}
