using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Bench;

/// <summary>
/// The prompts the bench sends: a real ~200-word prompt from the test splits, the test splits themselves, and every
/// real prompt (test splits + extra.jsonl) for the cascade's escalation share.
/// </summary>
internal sealed record BenchTexts(string Prompt200Words, IReadOnlyList<string> Corpus, IReadOnlyList<string> RealPrompts)
{
    public static BenchTexts Load(string datasets)
    {
        var corpus = LabelledText.ReadJsonLines(Path.Combine(datasets, "routing", "test.jsonl"))
            .Concat(LabelledText.ReadJsonLines(Path.Combine(datasets, "guard", "test.jsonl")))
            .Select(r => r.Text)
            .ToList();
        var prompt = corpus.FirstOrDefault(t => WordCount(t) is >= 190 and <= 210)
            ?? string.Join(' ', string.Join(' ', corpus).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(200));
        var extra = LabelledText.ReadJsonLines(Path.Combine(datasets, "routing", "extra.jsonl"))
            .Concat(LabelledText.ReadJsonLines(Path.Combine(datasets, "guard", "extra.jsonl")))
            .Select(r => r.Text);
        return new BenchTexts(prompt, corpus, [.. corpus, .. extra]);
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
