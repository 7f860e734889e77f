using HybridInference.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HybridInference.Router.Configuration;

/// <summary>Registers the Router's options, its routing config sources (file, Control) and the config's health.</summary>
internal static class ConfigurationRegistration
{
    public static IHostApplicationBuilder AddRouterConfiguration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RouterOptions>().BindConfiguration(RouterOptions.Section)
            .Validate(o => o.MaxBodyBytes > 0 && o.EdgeBurst > 0 && o.UsageBatchSize > 0, "Router: MaxBodyBytes, EdgeBurst and UsageBatchSize must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ControlEndpoints>();
        services.AddSingleton<RouterConfigStore>();
        services.AddSingleton<ControlConfigSource>();
        services.AddHostedService<ConfigFileSource>();
        services.AddHealthChecks().AddCheck<ConfigHealthCheck>("config");
        services.AddHostedService(sp => sp.GetRequiredService<ControlConfigSource>());
        // Internal calls retry on their own terms (spool, stale keys, default route), not through the standard pipeline
        // (its retries would hold a 50 ms classifier budget or a usage batch for many seconds).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt a client out.
        services.AddHttpClient(ControlEndpoints.ControlClient, client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllResilienceHandlers();
        services.AddHttpClient(ControlEndpoints.ClassifierClient).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // The Router's own answers only, source-generated: it can be compiled ahead of time, without reflection.
        services.ConfigureHttpJsonOptions(json => RouterJsonContext.ConfigureHttp(json.SerializerOptions));
        return builder;
    }
}
