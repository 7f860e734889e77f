using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Featurization;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Honest generalisation numbers from data the model did not learn from: (1) trained on <c>train.jsonl</c> only and
/// scored on all of <c>extra.jsonl</c> (other sources, other styles); (2) for each source of <c>extra.jsonl</c>, trained on
/// everything except that source and scored on it. Thresholds and temperatures are cross-validated inside each run.
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
        var quiet = settings with { Folds = Math.Min(settings.Folds, 3) };
        var reports = new List<EvaluationReport>();

        var trainOnly = Score(trainFeatures, Labels(train, labels), extraFeatures, Labels(extra, labels), labels, positive, quiet, "holdout_extra_all", train.Count);
        log.Write(trainOnly.Format(labels));
        reports.Add(trainOnly);

        var allTruth = new List<int>();
        var allPredicted = new List<int>();
        foreach (var source in extra.GroupBy(r => r.Source).Where(g => g.Count() >= MinimumSourceRows).Select(g => g.Key).Order(StringComparer.Ordinal))
        {
            var inX = new List<Features>(trainFeatures);
            var inY = new List<int>(Labels(train, labels));
            var outX = new List<Features>();
            var outY = new List<int>();
            for (var i = 0; i < extra.Count; i++)
            {
                var target = Array.IndexOf(labels, extra[i].Label);
                if (extra[i].Source == source)
                {
                    outX.Add(extraFeatures[i]);
                    outY.Add(target);
                }
                else
                {
                    inX.Add(extraFeatures[i]);
                    inY.Add(target);
                }
            }
            var report = Score([.. inX], [.. inY], [.. outX], [.. outY], labels, positive, quiet, "holdout_source:" + source, train.Count, allTruth, allPredicted);
            log.WriteLine($"  leave-out {source}: n={report.Count} accuracy={report.Accuracy:F4}"
                + (report.PositiveRecall is { } r ? $" recall={r:F4}" : "") + (report.FalsePositiveRate is { } f ? $" fpr={f:F4}" : ""));
            reports.Add(report);
        }
        var pooled = EvaluationReport.Create("holdout_leave_source_out", labels, allTruth, allPredicted, positive >= 0 ? positive : null);
        log.Write(pooled.Format(labels));
        reports.Add(pooled);
        return reports;
    }

    private static int[] Labels(IReadOnlyList<LabelledText> rows, string[] labels) => rows.Select(r => Array.IndexOf(labels, r.Label)).ToArray();

    private static EvaluationReport Score(Features[] trainX, int[] trainY, Features[] testX, int[] testY, string[] labels, int positive,
        TaskTrainingSettings settings, string split, int calibrationRows, List<int>? allTruth = null, List<int>? allPredicted = null)
    {
        // As in training: the threshold is fitted on the train.jsonl rows, which come first.
        var calibration = Enumerable.Range(0, trainX.Length).Select(i => i < calibrationRows).ToArray();
        var fit = TrainCommand.Fit(trainX, trainY, labels, positive, calibration, settings, TextWriter.Null);
        var logits = new float[labels.Length];
        var probabilities = new float[labels.Length];
        var predicted = new int[testX.Length];
        for (var i = 0; i < testX.Length; i++)
        {
            CrossValidation.Forward(fit.Model, settings.Hashing, testX[i], logits);
            FastTextModel.Softmax(logits, probabilities);
            predicted[i] = LabelDecision.Decide(probabilities, positive, fit.Threshold);
        }
        allTruth?.AddRange(testY);
        allPredicted?.AddRange(predicted);
        return EvaluationReport.Create(split, labels, testY, predicted, positive >= 0 ? positive : null, fit.Threshold);
    }
}
