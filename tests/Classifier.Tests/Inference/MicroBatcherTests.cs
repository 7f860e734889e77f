using System.Diagnostics.Metrics;
using HybridInference.Classifier.Inference;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Classifier.Tests.Inference;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task Requests_queued_while_the_model_is_busy_run_as_one_batch()
    {
        var model = new GatedClassifier();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new ClassifierMetrics(services.GetRequiredService<IMeterFactory>());
        await using var batcher = new MicroBatcher(model, maxBatchSize: 64, metrics);

        // An idle model runs the first request on the caller's thread; it blocks there until released.
        var first = Task.Run(() => batcher.ClassifyAsync(["a"], CancellationToken.None));
        await model.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = Enumerable.Range(0, 10).Select(i => batcher.ClassifyAsync([$"t{i}", $"u{i}"], CancellationToken.None)).ToArray();
        model.Release();

        float[] one = [1f, 0f];
        float[] two = [1f, 0f, 1f, 0f];
        Assert.Equal(one, await first);
        var results = await Task.WhenAll(queued);
        Assert.All(results, r => Assert.Equal(two, r));
        Assert.Equal(new[] { 1, 20 }, model.BatchSizes);
    }

    [Fact]
    public async Task A_request_larger_than_a_batch_runs_in_slices()
    {
        var model = new GatedClassifier();
        model.Release();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new ClassifierMetrics(services.GetRequiredService<IMeterFactory>());
        await using var batcher = new MicroBatcher(model, maxBatchSize: 4, metrics);

        var result = await batcher.ClassifyAsync(Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray(), CancellationToken.None);
        Assert.Equal(20, result.Length);
        Assert.Equal(new[] { 4, 4, 2 }, model.BatchSizes);
    }

    /// <summary>Blocks its first run until released, so the test controls what queues up behind it.</summary>
    private sealed class GatedClassifier : ITextClassifier
    {
        private readonly ManualResetEventSlim _gate = new();
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> BatchSizes { get; } = [];
        public Task Entered => _entered.Task;
        public ModelDescription Description { get; } = new("test", "fake", "v1", ["yes", "no"], null, null, null);

        public void Release() => _gate.Set();

        public void Classify(IReadOnlyList<string> texts, Span<float> probabilities)
        {
            _entered.TrySetResult();
            _gate.Wait();
            lock (BatchSizes)
            {
                BatchSizes.Add(texts.Count);
            }
            for (var i = 0; i < texts.Count; i++)
            {
                probabilities[i * 2] = 1f;
                probabilities[i * 2 + 1] = 0f;
            }
        }

        public void Dispose() => _gate.Dispose();
    }
}
