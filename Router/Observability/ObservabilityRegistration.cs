namespace HybridInference.Router.Observability;

/// <summary>Registers the Router's telemetry (framework hot-path instruments left out).</summary>
internal static class ObservabilityRegistration
{
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RouterTelemetry>().DropHotPathInstruments();
        return builder;
    }
}
