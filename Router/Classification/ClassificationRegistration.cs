namespace HybridInference.Router.Classification;

/// <summary>Registers the Classifier client, its call coalescing and its warm-up.</summary>
internal static class ClassificationRegistration
{
    public static IHostApplicationBuilder AddClassification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClassifierBatcher>();
        builder.Services.AddSingleton<ClassifierClient>();
        builder.Services.AddHostedService<ClassifierWarmup>();
        return builder;
    }
}
