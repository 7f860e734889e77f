using System.Diagnostics;
using HybridInference.Classifier.Pii;
using HybridInference.Contracts.Classification;
using Microsoft.Extensions.Options;

namespace HybridInference.Classifier.Inference;

/// <summary>Runs the asked tasks on a list of texts: the model tasks through their batchers in parallel, PII in line.</summary>
internal sealed class ClassificationService(ClassifierModels models, ClassifierMetrics metrics, IOptions<ClassifierOptions> options)
{
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

        var domainProbabilities = domainTask is null ? null : await domainTask;
        var guardProbabilities = guardTask is null ? null : await guardTask;
        var results = new ClassifyResult[texts.Count];
        var domainDescription = models[ClassifierTasks.Domain].Classifier.Description;
        var guardDescription = models[ClassifierTasks.Guard].Classifier.Description;
        for (var i = 0; i < texts.Count; i++)
        {
            results[i] = new ClassifyResult(
                domainProbabilities is null ? null : Score(domainDescription, domainProbabilities, i),
                guardProbabilities is null ? null : Score(guardDescription, guardProbabilities, i),
                spans?[i]);
        }
        var versions = new Dictionary<string, string>(2);
        if (domain)
        {
            versions[ClassifierTasks.Domain] = domainDescription.Version;
        }
        if (guard)
        {
            versions[ClassifierTasks.Guard] = guardDescription.Version;
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

    private static LabelScore Score(ModelDescription model, float[] probabilities, int row)
    {
        var labels = model.Labels;
        var slice = probabilities.AsSpan(row * labels.Count, labels.Count);
        var best = LabelDecision.Decide(slice, model.PositiveIndex, model.Threshold);
        var scores = new Dictionary<string, double>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            scores[labels[i]] = Math.Round(slice[i], 4);
        }
        return new LabelScore(labels[best], Math.Round(slice[best], 4), scores);
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
