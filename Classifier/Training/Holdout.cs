using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Featurization;
using HybridInference.Classifier.Inference;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Honest generalisation numbers: a model trained (and cross-validated for its threshold) on <c>train.jsonl</c> only, scored
/// on all of <c>extra.jsonl</c>, whose rows come from other sources and styles (bare code, short maths, other languages,
/// injections inside documents and e-mails), overall and per source.
/// </summary>
internal static class Holdout
{
    private const int MinimumSourceRows = 15;

    public static List<EvaluationReport> Run(TaskDefinition task, string dataDirectory, TaskTrainingSettings settings, TextWriter log)
    {
        settings = task.Adjust(settings);
        var folder = Path.Combine(dataDirectory, task.DataFolder);
        var train = LabelledText.ReadJsonLines(Path.Combine(folder, "train.jsonl"));
        var extra = LabelledText.ReadJsonLines(Path.Combine(folder, "extra.jsonl"));
        var labels = train.Concat(extra).Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var positive = task.PositiveLabel is null ? -1 : Array.IndexOf(labels, task.PositiveLabel);
        var featurizer = new TextFeaturizer(settings.Hashing);
        var trainFeatures = TrainCommand.Featurize(featurizer, train);
        var extraFeatures = TrainCommand.Featurize(featurizer, extra);

        var fit = TrainCommand.Fit(trainFeatures, Labels(train, labels), labels, positive, trainFeatures.Select(_ => true).ToArray(), settings, TextWriter.Null);
        var truth = Labels(extra, labels);
        var predicted = new int[extra.Count];
        var logits = new float[labels.Length];
        var probabilities = new float[labels.Length];
        for (var i = 0; i < extra.Count; i++)
        {
            CrossValidation.Forward(fit.Model, settings.Hashing, extraFeatures[i], logits);
            FastTextModel.Softmax(logits, probabilities);
            predicted[i] = LabelDecision.Decide(probabilities, positive, fit.Threshold);
        }
        int? positiveIndex = positive >= 0 ? positive : null;
        var reports = new List<EvaluationReport> { EvaluationReport.Create("holdout_extra", labels, truth, predicted, positiveIndex, fit.Threshold) };
        log.Write(reports[0].Format(labels));
        foreach (var source in extra.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal))
        {
            var rows = Enumerable.Range(0, extra.Count).Where(i => extra[i].Source == source).ToArray();
            if (rows.Length < MinimumSourceRows)
            {
                continue;
            }
            var report = EvaluationReport.Create("holdout_extra:" + source, labels, rows.Select(i => truth[i]).ToArray(),
                rows.Select(i => predicted[i]).ToArray(), positiveIndex, fit.Threshold);
            log.WriteLine($"  {source}: n={report.Count} accuracy={report.Accuracy:F4}"
                + (report.PositiveRecall is { } r ? $" recall={r:F4}" : "") + (report.FalsePositiveRate is { } f ? $" fpr={f:F4}" : ""));
            reports.Add(report);
        }
        return reports;
    }

    private static int[] Labels(IReadOnlyList<LabelledText> rows, string[] labels) => rows.Select(r => Array.IndexOf(labels, r.Label)).ToArray();
}
