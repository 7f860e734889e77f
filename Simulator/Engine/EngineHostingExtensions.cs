using HybridInference.Simulator.Faults;
using HybridInference.Simulator.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Engine;

internal static class EngineHostingExtensions
{
    /// <summary>The simulated engine: options, tokenizer, answers, slots, metrics and run-time faults.</summary>
    public static IHostApplicationBuilder AddSimulatorEngine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<Vocabulary>();
        services.AddSingleton<AnswerGenerator>();
        services.AddSingleton<RequestScheduler>();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<FaultState>();
        services.AddSingleton<InferenceEngine>();
        services.AddSingleton<GenerationPlanner>();
        services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");
        return builder;
    }

    /// <summary>Loads the tokenizer and vocabulary before the first request, and says what is served.</summary>
    public static WebApplication WarmUpEngine(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var vocabulary = app.Services.GetRequiredService<Vocabulary>();
        EngineLog.Started(app.Services.GetRequiredService<ILogger<InferenceEngine>>(), string.Join(", ", options.ServedModels),
            options.MaxConcurrency, options.TimeToFirstTokenMs, options.TokensPerSecond, vocabulary.Count);
        return app;
    }
}
