namespace HybridInference.Control.Usage;

internal static class UsageExtensions
{
    public static IHostApplicationBuilder AddUsage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UsageIngestor>();
        builder.Services.AddSingleton<UsageQuery>();
        return builder;
    }
}
