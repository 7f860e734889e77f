namespace HybridInference.Router.Targets;

/// <summary>Registers live backend state, the shared upstream connection pool, target selection, the active probes and the backends' health.</summary>
internal static class TargetsRegistration
{
    public static IHostApplicationBuilder AddTargets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TargetOptions>().BindConfiguration(TargetOptions.Section);
        builder.Services.AddSingleton<UpstreamInvoker>();
        builder.Services.AddSingleton<BackendRegistry>();
        builder.Services.AddSingleton<BackendAddressResolver>();
        builder.Services.AddSingleton<TargetSelector>();
        builder.Services.AddSingleton<BackendProber>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackendProber>());
        builder.Services.AddHealthChecks().AddCheck<BackendsHealthCheck>("backends");
        return builder;
    }
}
