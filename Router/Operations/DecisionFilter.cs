using HybridInference.Router.Routing;

namespace HybridInference.Router.Operations;

/// <summary>Query of <c>GET /v1/operations/decisions</c>; every given field must match.</summary>
// A class of init properties rather than a positional record: ASP.NET Core's request-delegate generator (on in every
// Router build, for native publishing) emits typeof(string?) for a record's nullable constructor parameters.
internal sealed class DecisionFilter
{
    /// <summary>Key id.</summary>
    public string? Key { get; init; }
    /// <summary>Customer id.</summary>
    public string? Customer { get; init; }
    /// <summary>Requested or served model.</summary>
    public string? Model { get; init; }
    /// <summary>The classifier's domain.</summary>
    public string? Category { get; init; }
    /// <summary>HTTP status, or <c>ok</c> / <c>error</c> for 2xx–3xx / the rest.</summary>
    public string? Status { get; init; }
    /// <summary>Received at or after.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>Received before.</summary>
    public DateTimeOffset? Until { get; init; }
    /// <summary>One request.</summary>
    public string? RequestId { get; init; }
    /// <summary>At most this many, newest first; default 100.</summary>
    public int? Limit { get; init; }

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
