using HybridInference.Classifier.Evaluation;

namespace HybridInference.Classifier.Inference;

/// <summary>A loaded model as <c>GET /v1/models</c> lists it.</summary>
/// <param name="Task">The task it answers (<c>domain</c>, <c>guard</c>).</param>
/// <param name="Kind"><c>fasttext-onnx</c> or <c>bert-onnx</c>.</param>
/// <param name="Version">Changes whenever the weights change.</param>
/// <param name="Labels">Output labels, in the model's order.</param>
/// <param name="PositiveLabel">For a thresholded two-label model, the label the threshold decides.</param>
/// <param name="Threshold">Probability of <paramref name="PositiveLabel"/> from which it is chosen.</param>
/// <param name="Metrics">Measurements stored with the model.</param>
internal sealed record ModelDescription(
    string Task,
    string Kind,
    string Version,
    IReadOnlyList<string> Labels,
    string? PositiveLabel,
    double? Threshold,
    IReadOnlyDictionary<string, EvaluationReport>? Metrics)
{
    /// <summary>The encoder head that decides the texts this model is unsure of; none without a cascade.</summary>
    public CascadeDescription? Cascade { get; init; }

    /// <summary>Index of <see cref="PositiveLabel"/> in <see cref="Labels"/>, or -1.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int PositiveIndex { get; } = PositiveLabel is null ? -1 : IndexOf(Labels, PositiveLabel);

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }
        throw new InvalidDataException($"Positive label '{label}' is not one of the model's labels.");
    }
}

/// <summary>The second stage of a task's cascade, as <c>GET /v1/models</c> lists it.</summary>
/// <param name="Encoder">The pretrained encoder (<c>minilm</c>, <c>arcticxs</c>).</param>
/// <param name="Precision">How the encoder runs (<c>int8</c>, <c>fp32</c>), see <see cref="ClassifierOptions.EncoderPrecision"/>.</param>
/// <param name="Version">The head's version.</param>
/// <param name="Policy">When a text is escalated to the head.</param>
/// <param name="Threshold">The head's threshold on the positive label, when the task has one.</param>
internal sealed record CascadeDescription(string Encoder, string Precision, string Version, CascadePolicy Policy, double? Threshold);
