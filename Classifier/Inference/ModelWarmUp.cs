namespace HybridInference.Classifier.Inference;

/// <summary>Loads (and so warms up) the models while the host starts, before the first request arrives.</summary>
internal sealed class ModelWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ClassifierModels>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
