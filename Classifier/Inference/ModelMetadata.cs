using System.Text.Json;
using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Featurization;
using HybridInference.Classifier.Training;
using HybridInference.Contracts;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// The file written beside each trained model (<c>&lt;task&gt;.json</c>): what inference needs to featurise and decide
/// exactly as training did, and how the model measured.
/// </summary>
internal sealed record ModelMetadata
{
    public const string FastTextKind = "fasttext-onnx";

    public required string Task { get; init; }
    public string Kind { get; init; } = FastTextKind;

    /// <summary><c>&lt;task&gt;-&lt;first 12 hex of the ONNX file's SHA-256&gt;</c>.</summary>
    public required string Version { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required FeatureHashing Hashing { get; init; }
    public required int Dim { get; init; }
    public required int Hidden { get; init; }

    /// <summary>Softmax temperature fitted on cross-validated logits; already folded into the output layer.</summary>
    public double Temperature { get; init; } = 1;

    /// <summary>For two-label guard models: the label a threshold decides (e.g. <c>jailbreak</c>).</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Probability of <see cref="PositiveLabel"/> at or above which it is chosen.</summary>
    public double? Threshold { get; init; }

    /// <summary>SHA-256 of the training files, in order.</summary>
    public required string DataDigest { get; init; }
    public required IReadOnlyList<string> DataFiles { get; init; }
    public required TrainingOptions Training { get; init; }

    /// <summary>Measurements by split name (test, cross_validation, holdout…).</summary>
    public Dictionary<string, EvaluationReport> Metrics { get; init; } = [];

    public static JsonSerializerOptions JsonOptions { get; } = new(ContractJson.Options) { WriteIndented = true };

    public static ModelMetadata Load(string path) =>
        JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path} is not model metadata.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
}
