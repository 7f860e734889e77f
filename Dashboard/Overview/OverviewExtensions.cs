namespace HybridInference.Dashboard.Overview;

internal static class OverviewExtensions
{
    public static IHostApplicationBuilder AddOverviewSampler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OverviewSampler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OverviewSampler>());
        return builder;
    }
}
