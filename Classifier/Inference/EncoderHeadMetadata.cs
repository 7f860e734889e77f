using System.Text.Json;
using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// The file written beside each encoder head (<c>&lt;task&gt;.encoder.json</c>): which encoder and window feed it, how its
/// probabilities become a label, when the cascade escalates to it, and how it measured.
/// </summary>
internal sealed record EncoderHeadMetadata
{
    public const string Kind = "encoder-head-onnx";

    public required string Task { get; init; }

    /// <summary><c>&lt;task&gt;-&lt;encoder&gt;-&lt;first 12 hex of the ONNX file's SHA-256&gt;</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The pretrained encoder (<see cref="PretrainedEncoder.Name"/>).</summary>
    public required string Encoder { get; init; }
    public required TokenWindow Window { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required int Hidden { get; init; }

    /// <summary>Softmax temperature fitted on cross-validated logits; already folded into the output layer.</summary>
    public double Temperature { get; init; } = 1;
    public string? PositiveLabel { get; init; }

    /// <summary>Probability of <see cref="PositiveLabel"/> at or above which the head chooses it.</summary>
    public double? Threshold { get; init; }

    /// <summary>When the fastText model's answer is escalated to this head (cross-validated on train.jsonl).</summary>
    public required CascadePolicy Cascade { get; init; }
    public required string DataDigest { get; init; }
    public required IReadOnlyList<string> DataFiles { get; init; }
    public required HeadTrainingOptions Training { get; init; }
    public Dictionary<string, EvaluationReport> Metrics { get; init; } = [];

    public static string PathFor(string modelsDirectory, string task) => Path.Combine(modelsDirectory, task + ".encoder.json");

    public static EncoderHeadMetadata Load(string path) =>
        JsonSerializer.Deserialize<EncoderHeadMetadata>(File.ReadAllText(path), ModelMetadata.JsonOptions)
        ?? throw new InvalidDataException($"{path} is not encoder head metadata.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, ModelMetadata.JsonOptions) + "\n");
}
