using HybridInference.Router.Configuration;
using HybridInference.Router.Routing;
using HybridInference.Router.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Router.Operations;

/// <summary>
/// Admin endpoints the Dashboard steers the Router with: backend state, drain and undrain, a health probe on demand,
/// the recent decisions filtered, and the routing config in use. All behind the admin token.
/// </summary>
internal static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder endpoints)
    {
        var operations = endpoints.MapGroup("/v1/operations").AddEndpointFilter<AdminTokenFilter>();
        operations.MapGet("/backends", Backends);
        operations.MapPost("/backends/{name}/drain", (string name, BackendRegistry backends, RecentDecisions recent) => SetDrained(name, true, backends, recent));
        operations.MapPost("/backends/{name}/undrain", (string name, BackendRegistry backends, RecentDecisions recent) => SetDrained(name, false, backends, recent));
        operations.MapPost("/backends/{name}/check", Check);
        operations.MapGet("/decisions", Decisions);
        operations.MapGet("/config", Config);
        return endpoints;
    }

    private static Ok<BackendList> Backends(BackendRegistry backends, RecentDecisions recent) =>
        TypedResults.Ok(new BackendList(BackendView.All(backends.All, recent.Snapshot(int.MaxValue))));

    private static Results<Ok<BackendView>, NotFound> SetDrained(string name, bool drained, BackendRegistry backends, RecentDecisions recent)
    {
        if (backends.Find(name) is not { } backend)
        {
            return TypedResults.NotFound();
        }
        backend.Drained = drained;
        return TypedResults.Ok(BackendView.Of(backend, recent.Snapshot(int.MaxValue)));
    }

    private static async Task<Results<Ok<BackendView>, NotFound>> Check(
        string name, BackendRegistry backends, BackendProber prober, RecentDecisions recent, CancellationToken cancellationToken)
    {
        if (backends.Find(name) is not { } backend)
        {
            return TypedResults.NotFound();
        }
        await prober.ProbeAsync(backend, cancellationToken);
        return TypedResults.Ok(BackendView.Of(backend, recent.Snapshot(int.MaxValue)));
    }

    private static Ok<DecisionList> Decisions(RecentDecisions recent, [AsParameters] DecisionFilter filter) =>
        TypedResults.Ok(new DecisionList(filter.Apply(recent.Snapshot(int.MaxValue))));

    private static Ok<ActiveConfig> Config(RouterConfigStore store) =>
        TypedResults.Ok(new ActiveConfig(store.Current.Version, store.Origin, store.LastError, store.LastErrorAt));
}

/// <summary>Body of <c>GET /v1/operations/backends</c>.</summary>
internal sealed record BackendList(IReadOnlyList<BackendView> Data);

/// <summary>Body of <c>GET /v1/operations/decisions</c>, newest first.</summary>
internal sealed record DecisionList(IReadOnlyList<RoutingDecision> Data);

/// <summary>Body of <c>GET /v1/operations/config</c>: the config version in use, where it came from, and why a newer one was refused.</summary>
internal sealed record ActiveConfig(long Version, string? Origin, string? LastError, DateTimeOffset? LastErrorAt);
