using OpenTelemetry.Metrics;

namespace HybridInference.Router.Observability;

/// <summary>
/// Framework instruments the Router does not export: each changes several times per proxied request (up/down counters
/// of active requests, pooled connections and memory blocks, route matching), which costs the hot path more than they
/// tell. The
/// Router's own gauges report in-flight requests per backend instead. Dropped instruments are never enabled, so
/// ASP.NET Core and HttpClient skip recording them.
/// </summary>
internal static class HotPathMetrics
{
    private static readonly string[] Dropped =
    [
        "http.server.active_requests",
        "http.client.active_requests",
        "http.client.open_connections",
        "aspnetcore.routing.match_attempts",
        "aspnetcore.memory_pool.rented",
        "aspnetcore.memory_pool.pooled",
    ];

    public static IServiceCollection DropHotPathInstruments(this IServiceCollection services) =>
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
        {
            foreach (var name in Dropped)
            {
                metrics.AddView(name, MetricStreamConfiguration.Drop);
            }
        });
}
