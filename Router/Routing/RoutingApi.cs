using HybridInference.Router.Keys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Router.Routing;

/// <summary>Admin endpoint: the Dashboard's feed of recent routing decisions.</summary>
internal static class RoutingApi
{
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/routing/recent", Recent);
        return endpoints;
    }

    private static Results<Ok<RecentDecisionsResponse>, UnauthorizedHttpResult> Recent(
        HttpContext context, RecentDecisions recent, AdminAccess admin, int? limit)
    {
        if (!admin.Allows(context.Request))
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(new RecentDecisionsResponse(recent.Snapshot(Math.Clamp(limit ?? 50, 1, 1000))));
    }
}

/// <summary>Body of <c>GET /v1/routing/recent</c>.</summary>
internal sealed record RecentDecisionsResponse(IReadOnlyList<RoutingDecision> Data);
