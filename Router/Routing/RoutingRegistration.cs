namespace HybridInference.Router.Routing;

/// <summary>Registers model resolution (<c>auto</c> rules, guard, PII) and the recent-decisions feed.</summary>
internal static class RoutingRegistration
{
    public static IHostApplicationBuilder AddModelRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RouteResolver>();
        builder.Services.AddSingleton<RecentDecisions>();
        return builder;
    }
}
