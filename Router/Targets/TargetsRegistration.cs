namespace HybridInference.Router.Targets;

/// <summary>Registers live backend state, the shared upstream connection pool, target selection and the active probes.</summary>
internal static class TargetsRegistration
{
    public static IHostApplicationBuilder AddTargets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UpstreamInvoker>();
        builder.Services.AddSingleton<BackendRegistry>();
        builder.Services.AddSingleton<BackendAddressResolver>();
        builder.Services.AddSingleton<TargetSelector>();
        builder.Services.AddSingleton<BackendProber>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackendProber>());
        return builder;
    }
}
