namespace HybridInference.Classifier.Training;

/// <summary>A classification task the trainer knows: where its data lives and which label a threshold decides.</summary>
/// <param name="HeadKeepsLabel">
/// Whether the head of a text has the text's label. True for domains; false for the guard, whose injections often sit at
/// the end of a document, so training on heads would teach wrong labels.
/// </param>
internal sealed record TaskDefinition(string Name, string DataFolder, string? PositiveLabel, bool HeadKeepsLabel)
{
    public static TaskDefinition Domain { get; } = new("domain", "routing", null, true);
    public static TaskDefinition Guard { get; } = new("guard", "guard", "jailbreak", false);

    /// <summary>The settings adjusted to this task (no head-only training where heads lose the label).</summary>
    public TaskTrainingSettings Adjust(TaskTrainingSettings settings) =>
        HeadKeepsLabel ? settings : settings with { Training = settings.Training with { PrefixProbability = 0 } };
    public static IReadOnlyList<TaskDefinition> All { get; } = [Domain, Guard];

    public static TaskDefinition Find(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"Unknown task '{name}'; known: domain, guard.");
}
