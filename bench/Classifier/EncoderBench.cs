using System.Diagnostics;
using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Inference;
using HybridInference.Contracts.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridInference.Classifier.Bench;

/// <summary>
/// The encoder path: one 128-token text on one core, batched real prompts on both cores, and what the cascade costs on
/// real prompts (how many it escalates, mean and p95 time per classification).
/// </summary>
internal static class EncoderBench
{
    public static async Task RunAsync(BenchTexts texts, BenchOptions options, BenchReport report)
    {
        var models = Path.Combine(AppContext.BaseDirectory, "Models");
        var head = EncoderHeadMetadata.Load(EncoderHeadMetadata.PathFor(models, ClassifierTasks.Domain));
        var pretrained = PretrainedEncoder.Find(head.Encoder);

        // Exactly 128 tokens: [CLS], the first 126 word pieces of a long prompt, [SEP].
        using (var fixedWidth = EmbedCommand.Open(pretrained, new TokenWindow(Head: 126, Tail: 0)))
        {
            var text = texts.Corpus.First(t => fixedWidth.Tokenize(t).Length == 128);
            var embedding = new float[fixedWidth.Dimensions];
            report.Latency($"encoder ({pretrained.Name}), one 128-token text, 1 intra-op thread", Measure(options.EncoderIterations, () => fixedWidth.Embed([text], embedding)), "p50 ≤ 8 ms");
        }

        using var encoder = EmbedCommand.Open(pretrained, head.Window);
        var long128 = texts.Corpus.Where(t => encoder.Tokenize(t).Length >= 128).Take(64).ToArray();
        Throughput(report, encoder, $"encoder ({pretrained.Name}) batched, 2 callers × 16 texts, real prompts (test splits)", texts.Corpus.ToArray());
        Throughput(report, encoder, $"encoder ({pretrained.Name}) batched, 2 callers × 16 texts, prompts of ≥ 128 tokens (cut at {head.Window.MaxTokens})", long128);

        await CascadeAsync(texts, models, report);
    }

    private static void Throughput(BenchReport report, SentenceEncoder encoder, string what, string[] corpus)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        Parallel.For(0, 2, caller =>
        {
            var output = new float[16 * encoder.Dimensions];
            var local = 0;
            for (var start = caller * 16; clock.Elapsed < TimeSpan.FromSeconds(10); start = (start + 32) % Math.Max(1, corpus.Length - 16))
            {
                var batch = corpus.Skip(start).Take(16).ToArray();
                encoder.Embed(batch, output);
                local += batch.Length;
            }
            Interlocked.Add(ref count, local);
        });
        report.Throughput(what, count, clock.Elapsed, "≥ 300 texts/s");
    }

    /// <summary>Every real prompt (test splits and extra.jsonl) classified alone, domain + guard, through the service with its cascade.</summary>
    private static async Task CascadeAsync(BenchTexts texts, string models, BenchReport report)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton(Options.Create(new ClassifierOptions { ModelsDirectory = models }))
            .AddSingleton<ClassifierMetrics>()
            .AddSingleton<ClassifierModels>()
            .AddSingleton<ClassificationService>()
            .BuildServiceProvider();
        await using var _ = services;
        var service = services.GetRequiredService<ClassificationService>();
        var samples = new List<double>(texts.RealPrompts.Count);
        int domainEscalated = 0, guardEscalated = 0, anyEscalated = 0;
        foreach (var text in texts.RealPrompts)
        {
            var started = Stopwatch.GetTimestamp();
            var result = (await service.ClassifyAsync([text], true, true, false, CancellationToken.None)).Results[0];
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            var domain = result.Domain!.Stage == ClassifierStages.Encoder;
            var guard = result.Guard!.Stage == ClassifierStages.Encoder;
            domainEscalated += domain ? 1 : 0;
            guardEscalated += guard ? 1 : 0;
            anyEscalated += domain || guard ? 1 : 0;
        }
        var n = texts.RealPrompts.Count;
        report.Share($"cascade escalations over {n} real prompts (test splits + extra.jsonl), domain / guard / either",
            $"{domainEscalated / (double)n:P1} / {guardEscalated / (double)n:P1} / {anyEscalated / (double)n:P1}");
        samples.Sort();
        report.Share("cascade cost per classification (domain + guard, one text per call), mean / p50 / p95",
            $"{samples.Average() / 1000:F3} / {samples[n / 2] / 1000:F3} / {samples[(int)(n * 0.95)] / 1000:F3} ms");
    }

    private static List<double> Measure(int iterations, Action action)
    {
        for (var i = 0; i < 20; i++)
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
}
