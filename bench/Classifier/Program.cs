using HybridInference.Classifier.Bench;

// Speed of the Classifier on this machine: single-text latency in-process and over HTTP, and batch throughput.
// Then the encoder path and the cascade's cost on real prompts.
// Usage: dotnet run -c Release --project bench/Classifier -- [--datasets <dir>] [--iterations N] [--encoder-iterations N] [--encoder-only] [--encoder-batch 16] [--encoder arcticxs-l3]
var options = BenchOptions.Parse(args);
var report = new BenchReport();
var texts = BenchTexts.Load(options.DatasetsDirectory);
Console.WriteLine($"200-word prompt: {texts.Prompt200Words.Split(' ').Length} words, {texts.Prompt200Words.Length} chars; batch corpus {texts.Corpus.Count} texts");

if (!options.EncoderOnly)
{
    await InProcessBench.RunAsync(texts, options, report);
    await HttpBench.RunAsync(texts, options, report);
}
await EncoderBench.RunAsync(texts, options, report);

Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
return 0;
