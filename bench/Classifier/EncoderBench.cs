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
        if (options.Encoder is { } variant)
        {
            // Another encoder (e.g. a truncated one, arcticxs-l3): its speed at the service's precision only.
            Speed(texts, options, report, PretrainedEncoder.Find(variant), head.Window, new ClassifierOptions().EncoderPrecision);
            return;
        }
        var pretrained = PretrainedEncoder.Find(head.Encoder);
        foreach (var precision in Enum.GetValues<EncoderPrecision>())
        {
            Speed(texts, options, report, pretrained, head.Window, precision);
        }
        Agreement(texts, report, pretrained, head.Window);
        await CascadeAsync(texts, models, report);
    }

    private static void Speed(BenchTexts texts, BenchOptions options, BenchReport report, PretrainedEncoder pretrained, TokenWindow window, EncoderPrecision precision)
    {
        var name = $"encoder ({pretrained.Name}, {precision.ToString().ToLowerInvariant()})";
        // Exactly 128 tokens: [CLS], the first 126 word pieces of a long prompt, [SEP].
        using (var fixedWidth = EmbedCommand.Open(pretrained, new TokenWindow(Head: 126, Tail: 0), precision))
        {
            var long128 = texts.Corpus.Where(t => fixedWidth.Tokenize(t).Length == 128).ToArray();
            var embedding = new float[fixedWidth.Dimensions];
            report.Latency($"{name}, one 128-token text, 1 intra-op thread", Measure(options.EncoderIterations, () => fixedWidth.Embed([long128[0]], embedding)), "p50 ≤ 8 ms");
            report.Latency($"{name}, tokenising that text alone", Measure(options.EncoderIterations, () => fixedWidth.Tokenize(long128[0])), "—");
            Throughput(report, fixedWidth, options.EncoderBatch, $"{name} batched, 2 callers × {options.EncoderBatch} texts of 128 tokens", long128);
        }
        using var encoder = EmbedCommand.Open(pretrained, window, precision);
        var corpus = texts.Corpus.ToArray();
        Throughput(report, encoder, options.EncoderBatch, $"{name} batched, 2 callers × {options.EncoderBatch} real prompts (test splits in file order; each call's texts grouped by length, cut at {window.MaxTokens})", corpus);
        // The ceiling of grouping: the same prompts sorted by length first, so every call's texts are alike.
        var sorted = corpus.OrderBy(t => encoder.Tokenize(t).Length).ThenBy(t => t, StringComparer.Ordinal).ToArray();
        Throughput(report, encoder, options.EncoderBatch, $"{name} batched, 2 callers × {options.EncoderBatch} real prompts sorted by length first", sorted);
    }

    /// <summary>How far int8 moves the embeddings (cosine to fp32) and the committed domain head's answers, on every real prompt.</summary>
    private static void Agreement(BenchTexts texts, BenchReport report, PretrainedEncoder pretrained, TokenWindow window)
    {
        using var fp32 = EmbedCommand.Open(pretrained, window, EncoderPrecision.Fp32);
        using var int8 = EmbedCommand.Open(pretrained, window, EncoderPrecision.Int8);
        var dim = fp32.Dimensions;
        var cosines = new double[texts.RealPrompts.Count];
        Parallel.For(0, texts.RealPrompts.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            Span<float> a = stackalloc float[dim];
            Span<float> b = stackalloc float[dim];
            fp32.Embed([texts.RealPrompts[i]], a);
            int8.Embed([texts.RealPrompts[i]], b);
            // Both are L2-normalised, so the dot product is the cosine.
            var dot = 0.0;
            for (var d = 0; d < dim; d++)
            {
                dot += a[d] * b[d];
            }
            cosines[i] = dot;
        });
        Array.Sort(cosines);
        report.Share($"int8 against fp32 embeddings over {cosines.Length} real prompts, cosine mean / p1 / min",
            $"{cosines.Average():F4} / {cosines[cosines.Length / 100]:F4} / {cosines[0]:F4}");
    }

    private static void Throughput(BenchReport report, SentenceEncoder encoder, int size, string what, string[] corpus)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        Parallel.For(0, 2, caller =>
        {
            var output = new float[size * encoder.Dimensions];
            var local = 0;
            for (var start = caller * size; clock.Elapsed < TimeSpan.FromSeconds(10); start = (start + 2 * size) % Math.Max(1, corpus.Length - size))
            {
                var batch = corpus.AsSpan(start, Math.Min(size, corpus.Length - start)).ToArray();
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
