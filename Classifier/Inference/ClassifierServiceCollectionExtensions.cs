using HybridInference.Contracts;

namespace HybridInference.Classifier.Inference;

/// <summary>Registers the classification service: options, metrics, the models (loaded and warmed at start).</summary>
internal static class ClassifierServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddClassification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClassifierOptions>()
            .Bind(builder.Configuration.GetSection(ClassifierOptions.Section))
            .Validate(o => o.MaxInputChars > 0 && o.MaxInputs > 0 && o.MaxBatchSize > 0 && o.EncoderMaxBatchSize > 0 && o.IntraOpThreads >= 0 && o.EncoderIntraOpThreads >= 0,
                "Classifier: MaxInputChars, MaxInputs, MaxBatchSize and EncoderMaxBatchSize must be positive, thread counts not negative.")
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(json => ContractJson.Configure(json.SerializerOptions));
        builder.Services.AddSingleton<ClassifierMetrics>();
        builder.Services.AddSingleton<ClassifierModels>();
        builder.Services.AddSingleton<ClassificationService>();
        builder.Services.AddHostedService<ModelWarmUp>();
        builder.Services.AddHealthChecks().AddCheck<ModelsHealthCheck>("classifier-models");
        return builder;
    }
}
