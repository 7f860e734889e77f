using HybridInference.Classifier.Featurization;

namespace HybridInference.Classifier.Training;

/// <summary>A classification task the trainer knows: where its data lives and which label a threshold decides.</summary>
/// <param name="HeadKeepsLabel">
/// Whether the head of a text has the text's label. True for domains; false for the guard, whose injections often sit at
/// the end of a document, so training on heads would teach wrong labels.
/// </param>
/// <param name="Defaults">The recipe of the committed model; command-line options override it.</param>
internal sealed record TaskDefinition(string Name, string DataFolder, string? PositiveLabel, bool HeadKeepsLabel, TaskTrainingSettings Defaults)
{
    /// <summary>The recipe of the committed encoder head; command-line options override it.</summary>
    public HeadTrainingOptions HeadDefaults { get; init; } = new();

    /// <summary>
    /// Whether <c>train</c> gives this task an encoder head (and so a cascade) unless <c>--heads</c> says otherwise.
    /// The guard has none: its cascade measured worse than fastText alone both on the test split and on the holdout
    /// (bench/Classifier/RESULTS.md).
    /// </summary>
    public bool Cascades { get; init; } = true;

    public static TaskDefinition Domain { get; } = new("domain", "routing", null, true, new TaskTrainingSettings());

    // Jailbreak templates are phrase-level, so word tri-grams help; a smaller step keeps SGD stable on long texts.
    public static TaskDefinition Guard { get; } = new("guard", "guard", "jailbreak", false, new TaskTrainingSettings
    {
        Hashing = new FeatureHashing { WordNgrams = 3 },
        Training = new TrainingOptions { LearningRate = 0.2f, Epochs = 20 },
    }) { Cascades = false };

    /// <summary>The settings adjusted to this task (no head-only training where heads lose the label).</summary>
    public TaskTrainingSettings Adjust(TaskTrainingSettings settings) =>
        HeadKeepsLabel ? settings : settings with { Training = settings.Training with { PrefixProbability = 0 } };
    public static IReadOnlyList<TaskDefinition> All { get; } = [Domain, Guard];

    public static TaskDefinition Find(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"Unknown task '{name}'; known: domain, guard.");
}
