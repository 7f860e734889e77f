namespace HybridInference.Router.Limits;

/// <summary>Registers the edge limit and the per-key limits with their counter stores.</summary>
internal static class LimitsRegistration
{
    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EdgeRateLimiter>();
        builder.Services.AddSingleton<InProcessCounterStore>();
        builder.Services.AddSingleton<RedisCounterStore>();
        builder.Services.AddSingleton<ICounterStore>(sp => sp.GetRequiredService<RedisCounterStore>());
        builder.Services.AddSingleton<KeyLimiter>().AddSingleton<BudgetUse>();
        builder.Services.AddHealthChecks().AddCheck<LimitsHealthCheck>("limits");
        return builder;
    }
}
