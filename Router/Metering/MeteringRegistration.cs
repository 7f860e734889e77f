namespace HybridInference.Router.Metering;

/// <summary>Registers token counting, usage records, their spool and their shipping to Control.</summary>
internal static class MeteringRegistration
{
    public static IHostApplicationBuilder AddMetering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TokenCounter>();
        builder.Services.AddSingleton<UsageSpool>();
        builder.Services.AddSingleton<UsageShipper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageShipper>());
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.AddHealthChecks().AddCheck<UsageHealthCheck>("usage");
        return builder;
    }
}
