using HybridInference.ServiceDefaults.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every HybridInference service shares, in the shape of Aspire's ServiceDefaults template:
/// OpenTelemetry (OTLP when configured, Prometheus always), health endpoints, service discovery,
/// resilient HttpClients and secrets read from files.
/// </summary>
public static class Extensions
{
    /// <summary>Tag of health checks that only say the process is alive (no dependencies).</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Configuration.AddSecretFiles(builder.Configuration[SecretFilesConfigurationExtensions.DirectoryKey] ?? SecretFilesConfigurationExtensions.DefaultSecretsDirectory);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(HybridTelemetry.MeterPrefix + "*")
                .AddPrometheusExporter());

        // Spans are recorded only when something receives them: without an exporter they would cost every request
        // (tens of microseconds in the Router) for nothing. OTEL_TRACES_SAMPLER(_ARG) samples them when they do.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddSource(HybridTelemetry.MeterPrefix + "*")
                    .AddAspNetCoreInstrumentation(aspnet =>
                        // Probes and scrapes would drown the traces that matter.
                        aspnet.Filter = context => !IsInfrastructurePath(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (ready: every check), <c>/alive</c> (live checks only) and the Prometheus scrape endpoint.</summary>
    /// <param name="app">The application.</param>
    /// <param name="metricsPath">Where Prometheus scrapes; null when the service writes its own metrics page (the Simulator speaks vLLM's).</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, string? metricsPath = "/metrics")
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        if (metricsPath is not null)
        {
            app.MapPrometheusScrapingEndpoint(metricsPath);
        }
        return app;
    }

    private static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
