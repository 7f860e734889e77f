namespace HybridInference.Router.Observability;

/// <summary>Registers the Router's meter (framework hot-path instruments left out) and its health details.</summary>
internal static class ObservabilityRegistration
{
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RouterTelemetry>().DropHotPathInstruments();
        builder.Services.AddHealthChecks().AddCheck<RouterHealthCheck>("router");
        return builder;
    }
}
