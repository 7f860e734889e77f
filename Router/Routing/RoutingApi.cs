using System.Security.Cryptography;
using System.Text;
using HybridInference.Router.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
        HttpContext context, RecentDecisions recent, IOptions<RouterOptions> options, int? limit)
    {
        if (!IsAdmin(context, options.Value.AdminToken))
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(new RecentDecisionsResponse(recent.Snapshot(Math.Clamp(limit ?? 50, 1, 1000))));
    }

    private static bool IsAdmin(HttpContext context, string? token)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return token is { Length: > 0 } && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}

/// <summary>Body of <c>GET /v1/routing/recent</c>.</summary>
internal sealed record RecentDecisionsResponse(IReadOnlyList<RoutingDecision> Data);
