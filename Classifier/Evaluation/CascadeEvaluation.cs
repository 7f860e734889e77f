using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Evaluation;

/// <summary>
/// A task's committed cascade on labelled rows, as the service runs it: the fastText ONNX model on every row, the
/// encoder and the exported head only on the rows the policy escalates (or on every row, for the head alone).
/// </summary>
internal sealed class CascadeEvaluation : IDisposable
{
    private const int BatchSize = 16;
    private readonly FastTextOnnxClassifier _fastText;
    private readonly EncoderStage _encoder;

    /// <param name="modelsDirectory">Where the fastText model and the encoder head are.</param>
    /// <param name="task">The task (domain, guard).</param>
    /// <param name="precision">How the encoder runs; default the service's (<see cref="ClassifierOptions.EncoderPrecision"/>).</param>
    public CascadeEvaluation(string modelsDirectory, string task, EncoderPrecision? precision = null)
    {
        _fastText = FastTextOnnxClassifier.Load(modelsDirectory, task);
        var metadataPath = EncoderHeadMetadata.PathFor(modelsDirectory, task);
        Head = EncoderHeadMetadata.Load(metadataPath);
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _encoder = new EncoderStage(EmbedCommand.Open(PretrainedEncoder.Find(Head.Encoder), Head.Window, precision ?? new ClassifierOptions().EncoderPrecision), [(Head, Path.ChangeExtension(metadataPath, ".onnx"))], options);
    }

    public EncoderHeadMetadata Head { get; }

    /// <summary>The cascade's report on <paramref name="rows"/>, and the share of rows it escalated.</summary>
    public (EvaluationReport Report, double EscalationShare) Cascade(IReadOnlyList<LabelledText> rows, string split)
    {
        var description = _fastText.Description;
        var classes = description.Labels.Count;
        var fastText = Probabilities(_fastText, rows.Select(r => r.Text).ToArray(), classes);
        var escalated = Enumerable.Range(0, rows.Count).Where(i => Head.Cascade.Escalates(fastText[i], description.PositiveIndex)).ToArray();
        var encoded = Probabilities(_encoder, escalated.Select(i => rows[i].Text).ToArray(), classes);
        var predicted = fastText.Select(p => LabelDecision.Decide(p, description.PositiveIndex, description.Threshold)).ToArray();
        for (var j = 0; j < escalated.Length; j++)
        {
            predicted[escalated[j]] = LabelDecision.Decide(encoded[j], description.PositiveIndex, Head.Threshold);
        }
        return (Report(rows, split, predicted), (double)escalated.Length / Math.Max(1, rows.Count));
    }

    /// <summary>The encoder head alone on every row.</summary>
    public EvaluationReport EncoderAlone(IReadOnlyList<LabelledText> rows, string split)
    {
        var encoded = Probabilities(_encoder, rows.Select(r => r.Text).ToArray(), Head.Labels.Count);
        var positive = _fastText.Description.PositiveIndex;
        return Report(rows, split, encoded.Select(p => LabelDecision.Decide(p, positive, Head.Threshold)).ToArray());
    }

    private EvaluationReport Report(IReadOnlyList<LabelledText> rows, string split, int[] predicted)
    {
        var labels = Head.Labels;
        var truth = rows.Select(r => labels.ToList().IndexOf(r.Label)).ToArray();
        var positive = _fastText.Description.PositiveIndex;
        return EvaluationReport.Create(split, labels, truth, predicted, positive >= 0 ? positive : null, Head.Threshold);
    }

    private static float[][] Probabilities(ITextClassifier classifier, string[] texts, int classes)
    {
        var width = classifier.Description.Labels.Count;
        var output = new float[BatchSize * width];
        var result = new float[texts.Length][];
        for (var start = 0; start < texts.Length; start += BatchSize)
        {
            var batch = texts[start..Math.Min(texts.Length, start + BatchSize)];
            classifier.Classify(batch, output);
            for (var i = 0; i < batch.Length; i++)
            {
                result[start + i] = output.AsSpan(i * width, classes).ToArray();
            }
        }
        return result;
    }

    public void Dispose()
    {
        _fastText.Dispose();
        _encoder.Dispose();
    }
}
