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
