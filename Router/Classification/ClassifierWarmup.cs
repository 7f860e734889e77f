namespace HybridInference.Router.Classification;

/// <summary>
/// Classifies one text at start, with a generous timeout, so the first <c>auto</c> request does not pay for service
/// discovery, the first connection and JIT inside its tight classifier budget and fall back to the default route.
/// </summary>
internal sealed class ClassifierWarmup(ClassifierClient classifier) : BackgroundService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await classifier.ClassifyAsync(new PromptTexts(["Warm-up: write a function that adds two numbers."], ["user"], [0]), Timeout, stoppingToken);
}
