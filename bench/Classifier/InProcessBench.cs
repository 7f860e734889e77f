using System.Diagnostics;
using HybridInference.Classifier.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridInference.Classifier.Bench;

/// <summary>Latency and throughput without HTTP: the model alone, and the service's whole classify path.</summary>
internal static class InProcessBench
{
    public static async Task RunAsync(BenchTexts texts, BenchOptions options, BenchReport report)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton(Options.Create(new ClassifierOptions { ModelsDirectory = Path.Combine(AppContext.BaseDirectory, "Models") }))
            .AddSingleton<ClassifierMetrics>()
            .AddSingleton<ClassifierModels>()
            .AddSingleton<ClassificationService>()
            .BuildServiceProvider();
        await using var _ = services;
        var models = services.GetRequiredService<ClassifierModels>();
        var service = services.GetRequiredService<ClassificationService>();
        string[] prompt = [texts.Prompt200Words];

        var domain = models["domain"].Classifier;
        var probabilities = new float[64 * 3];
        var batches = Batches(texts.Corpus, 64);
        await SteadyState.ReachAsync(
            () => { domain.Classify(prompt, probabilities); return Task.CompletedTask; },
            () => service.ClassifyAsync(prompt, true, true, true, CancellationToken.None),
            () => service.ClassifyAsync(batches[0], true, true, true, CancellationToken.None));
        report.Latency("in-process, domain model only (featurise + ONNX Runtime), 200-word prompt",
            Measure(options.Iterations, () => domain.Classify(prompt, probabilities)), "p50 ≤ 0.2 ms");

        var all = await MeasureAsync(options.Iterations, () => service.ClassifyAsync(prompt, true, true, true, CancellationToken.None));
        report.Latency("in-process, domain + guard + pii through the service (micro-batcher), 200-word prompt", all, "p50 ≤ 0.2 ms");

        // Batch throughput: one caller sending 64-text batches, all tasks.
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            var batch = batches[count / 64 % batches.Count];
            await service.ClassifyAsync(batch, true, true, true, CancellationToken.None);
            count += batch.Length;
        }
        report.Throughput("in-process batch throughput, 64-text batches, domain + guard + pii", count, clock.Elapsed, "≥ 10,000 texts/s");

        // Many concurrent single-text callers: the micro-batcher merges them.
        count = 0;
        clock.Restart();
        var callers = Enumerable.Range(0, 32).Select(async caller =>
        {
            var local = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                await service.ClassifyAsync([texts.Corpus[(caller * 997 + local) % texts.Corpus.Count]], true, true, true, CancellationToken.None);
                local++;
            }
            Interlocked.Add(ref count, local);
        });
        await Task.WhenAll(callers);
        report.Throughput("in-process, 32 concurrent single-text callers (micro-batched), domain + guard + pii", count, clock.Elapsed, "—");
    }

    public static List<string[]> Batches(IReadOnlyList<string> corpus, int size)
    {
        var batches = new List<string[]>();
        for (var i = 0; i + size <= corpus.Count; i += size)
        {
            batches.Add(corpus.Skip(i).Take(size).ToArray());
        }
        return batches;
    }

    private static List<double> Measure(int iterations, Action action)
    {
        for (var i = 0; i < 200; i++)
        {
            action();
        }
        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
        return samples;
    }

    private static async Task<List<double>> MeasureAsync<T>(int iterations, Func<Task<T>> action)
    {
        for (var i = 0; i < 200; i++)
        {
            await action();
        }
        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
        return samples;
    }
}
