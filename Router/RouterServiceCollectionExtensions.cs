using HybridInference.Contracts;
using HybridInference.Router.Api;
using HybridInference.Router.Changes;
using HybridInference.Router.Classification;
using HybridInference.Router.Configuration;
using HybridInference.Router.Forwarding;
using HybridInference.Router.Keys;
using HybridInference.Router.Limits;
using HybridInference.Router.Metering;
using HybridInference.Router.Observability;
using HybridInference.Router.Routing;
using HybridInference.Router.Targets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HybridInference.Router;

/// <summary>Registers the Router's features, one call each, in the order a request meets them.</summary>
internal static class RouterServiceCollectionExtensions
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
        services.AddHostedService(sp => sp.GetRequiredService<ControlConfigSource>());
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<ChangeNotices>();
        // Internal calls retry on their own terms (spool, stale keys, default route), not through the standard pipeline
        // (its retries would hold a 50 ms classifier budget or a usage batch for many seconds).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt a client out.
        services.AddHttpClient(ControlEndpoints.ControlClient, client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllResilienceHandlers();
        services.AddHttpClient(ControlEndpoints.ClassifierClient).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.ConfigureHttpJsonOptions(json => ContractJson.Configure(json.SerializerOptions));
        return builder;
    }

    public static IHostApplicationBuilder AddVirtualKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeyPolicyCache>();
        builder.Services.AddSingleton<KeyAuthenticator>();
        return builder;
    }

    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EdgeRateLimiter>();
        builder.Services.AddSingleton<InProcessCounterStore>();
        builder.Services.AddSingleton<RedisCounterStore>();
        builder.Services.AddSingleton<ICounterStore>(sp => sp.GetRequiredService<RedisCounterStore>());
        builder.Services.AddSingleton<KeyLimiter>().AddSingleton<BudgetUse>();
        return builder;
    }

    public static IHostApplicationBuilder AddModelRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClassifierBatcher>();
        builder.Services.AddSingleton<ClassifierClient>();
        builder.Services.AddHostedService<ClassifierWarmup>();
        builder.Services.AddSingleton<RouteResolver>();
        builder.Services.AddSingleton<RecentDecisions>();
        builder.Services.AddSingleton<BackendRegistry>();
        builder.Services.AddSingleton<BackendAddressResolver>();
        builder.Services.AddSingleton<TargetSelector>();
        builder.Services.AddSingleton<BackendProber>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackendProber>());
        return builder;
    }

    public static IHostApplicationBuilder AddForwarding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<UpstreamInvoker>();
        builder.Services.AddSingleton<StreamContinuation>();
        builder.Services.AddSingleton<RequestForwarder>();
        builder.Services.AddSingleton<ProxyPipeline>();
        return builder;
    }

    public static IHostApplicationBuilder AddMetering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RouterTelemetry>().DropHotPathInstruments();
        builder.Services.AddSingleton<TokenCounter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TokenCounter>());
        builder.Services.AddSingleton<UsageSpool>();
        builder.Services.AddSingleton<UsageShipper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageShipper>());
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.AddHealthChecks().AddCheck<RouterHealthCheck>("router");
        return builder;
    }
}
