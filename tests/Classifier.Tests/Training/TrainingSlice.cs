using HybridInference.Classifier.Featurization;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Training;

/// <summary>A small, fast slice of the guard data and settings that train in well under a second.</summary>
internal static class TrainingSlice
{
    public static FeatureHashing Hashing { get; } = new() { Buckets = 1 << 12 };

    public static TrainingOptions Options { get; } = new() { Dim = 8, Epochs = 3 };

    public static TaskTrainingSettings Settings { get; } = new()
    {
        Hashing = Hashing,
        Training = Options,
        Folds = 2,
        Limit = 400,
    };

    public static (Features[] Features, int[] Labels, string[] LabelNames) Guard(int rows = 300)
    {
        var data = LabelledText.ReadJsonLines(Path.Combine(TestData.DatasetsDirectory, "guard", "train.jsonl")).Take(rows).ToList();
        var names = data.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var featurizer = new TextFeaturizer(Hashing);
        return (data.Select(r => featurizer.Featurize(r.Text)).ToArray(), data.Select(r => Array.IndexOf(names, r.Label)).ToArray(), names);
    }
}
