using System.Diagnostics;
using HybridInference.Classifier.Pii;
using HybridInference.Contracts.Classification;
using Microsoft.Extensions.Options;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// Runs the asked tasks on a list of texts: the fastText models through their batchers in parallel, PII in line, then
/// the texts fastText was unsure of (per task, see <see cref="CascadePolicy"/>) through one encoder run shared by the tasks.
/// </summary>
internal sealed class ClassificationService(ClassifierModels models, ClassifierMetrics metrics, IOptions<ClassifierOptions> options)
{
    private static readonly string[] Tasks = [ClassifierTasks.Domain, ClassifierTasks.Guard];
    private readonly int _maxInputChars = options.Value.MaxInputChars;

    public async Task<ClassifyResponse> ClassifyAsync(IReadOnlyList<string> inputs, bool domain, bool guard, bool pii, CancellationToken cancellationToken)
    {
        var texts = Truncate(inputs);
        var domainTask = domain ? RunAsync(ClassifierTasks.Domain, texts, cancellationToken) : null;
        var guardTask = guard ? RunAsync(ClassifierTasks.Guard, texts, cancellationToken) : null;

        IReadOnlyList<PiiSpan>[]? spans = null;
        if (pii)
        {
            var started = Stopwatch.GetTimestamp();
            spans = new IReadOnlyList<PiiSpan>[texts.Count];
            for (var i = 0; i < texts.Count; i++)
            {
                spans[i] = PiiDetector.Detect(texts[i]);
            }
            metrics.RecordTask(ClassifierTasks.Pii, Stopwatch.GetElapsedTime(started), texts.Count);
        }

        float[]?[] fastText = [domainTask is null ? null : await domainTask, guardTask is null ? null : await guardTask];
        var escalated = new bool[Tasks.Length][];
        var encoded = await EscalateAsync(texts, fastText, escalated, cancellationToken);

        var results = new ClassifyResult[texts.Count];
        var scores = new LabelScore?[Tasks.Length];
        for (var i = 0; i < texts.Count; i++)
        {
            for (var t = 0; t < Tasks.Length; t++)
            {
                scores[t] = fastText[t] is { } probabilities ? Score(Tasks[t], probabilities, escalated[t], encoded, i) : null;
            }
            results[i] = new ClassifyResult(scores[0], scores[1], spans?[i]);
        }
        var versions = new Dictionary<string, string>(4);
        for (var t = 0; t < Tasks.Length; t++)
        {
            if (fastText[t] is not null)
            {
                versions[Tasks[t]] = models[Tasks[t]].Classifier.Description.Version;
                if (models.Head(Tasks[t]) is { } head)
                {
                    versions[Tasks[t] + ":" + ClassifierStages.Encoder] = head.Version;
                }
            }
        }
        return new ClassifyResponse(results, versions);
    }

    private async Task<float[]> RunAsync(string task, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var probabilities = await models[task].ClassifyAsync(texts, cancellationToken);
        metrics.RecordTask(task, Stopwatch.GetElapsedTime(started), texts.Count);
        return probabilities;
    }

    /// <summary>
    /// Marks, per task, the texts whose fastText answer the cascade escalates, and runs the encoder once on every text
    /// escalated for any task. Returns the encoder's rows by text index (null where a text was not escalated).
    /// </summary>
    private async Task<float[]?[]?> EscalateAsync(IReadOnlyList<string> texts, float[]?[] fastText, bool[][] escalated, CancellationToken cancellationToken)
    {
        if (models.Encoder is not { } encoder)
        {
            return null;
        }
        var union = new List<int>();
        var any = new bool[texts.Count];
        for (var t = 0; t < Tasks.Length; t++)
        {
            if (fastText[t] is not { } probabilities || models.Head(Tasks[t]) is not { } head)
            {
                continue;
            }
            var description = models[Tasks[t]].Classifier.Description;
            var classes = description.Labels.Count;
            escalated[t] = new bool[texts.Count];
            var count = 0;
            for (var i = 0; i < texts.Count; i++)
            {
                if (head.Cascade.Escalates(probabilities.AsSpan(i * classes, classes), description.PositiveIndex))
                {
                    escalated[t][i] = true;
                    count++;
                    if (!any[i])
                    {
                        any[i] = true;
                        union.Add(i);
                    }
                }
            }
            if (count > 0)
            {
                metrics.RecordEscalations(Tasks[t], count);
            }
        }
        if (union.Count == 0)
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        var batch = new string[union.Count];
        for (var j = 0; j < union.Count; j++)
        {
            batch[j] = texts[union[j]];
        }
        var rows = await encoder.ClassifyAsync(batch, cancellationToken);
        metrics.RecordTask(ClassifierStages.Encoder, Stopwatch.GetElapsedTime(started), union.Count);
        var width = encoder.Classifier.Description.Labels.Count;
        var byText = new float[]?[texts.Count];
        for (var j = 0; j < union.Count; j++)
        {
            byText[union[j]] = rows.AsSpan(j * width, width).ToArray();
        }
        return byText;
    }

    private LabelScore Score(string task, float[] fastText, bool[]? escalated, float[]?[]? encoded, int row)
    {
        var fastTextModel = models[task].Classifier.Description;
        var classes = fastTextModel.Labels.Count;
        if (escalated?[row] == true && encoded?[row] is { } encoderRow && models.Head(task) is { } head)
        {
            var offset = ((EncoderStage)models.Encoder!.Classifier).Offset(task);
            return Score(head.Labels, encoderRow.AsSpan(offset, classes), fastTextModel.PositiveIndex, head.Threshold, ClassifierStages.Encoder);
        }
        return Score(fastTextModel.Labels, fastText.AsSpan(row * classes, classes), fastTextModel.PositiveIndex, fastTextModel.Threshold, ClassifierStages.FastText);
    }

    private static LabelScore Score(IReadOnlyList<string> labels, ReadOnlySpan<float> probabilities, int positive, double? threshold, string stage)
    {
        var best = LabelDecision.Decide(probabilities, positive, threshold);
        var scores = new Dictionary<string, double>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            scores[labels[i]] = Math.Round(probabilities[i], 4);
        }
        return new LabelScore(labels[best], Math.Round(probabilities[best], 4), scores, stage);
    }

    private IReadOnlyList<string> Truncate(IReadOnlyList<string> inputs)
    {
        string[]? copy = null;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length > _maxInputChars)
            {
                copy ??= [.. inputs];
                // Do not cut a surrogate pair in half.
                var cut = char.IsHighSurrogate(inputs[i][_maxInputChars - 1]) ? _maxInputChars - 1 : _maxInputChars;
                copy[i] = inputs[i][..cut];
            }
        }
        return copy ?? inputs;
    }
}
