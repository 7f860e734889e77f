namespace HybridInference.Classifier.Evaluation;

/// <summary>How a model did on one labelled split.</summary>
internal sealed record EvaluationReport
{
    /// <summary>Which data: e.g. <c>test</c>, <c>cross_validation</c>, <c>holdout:&lt;source&gt;</c>.</summary>
    public required string Split { get; init; }
    public required int Count { get; init; }
    public required double Accuracy { get; init; }
    public required IReadOnlyDictionary<string, LabelMetrics> PerLabel { get; init; }

    /// <summary>Rows are true labels, columns predicted labels, both in the model's label order.</summary>
    public required int[][] Confusion { get; init; }

    /// <summary>For a guard model: the positive label's recall at the stored threshold.</summary>
    public double? PositiveRecall { get; init; }

    /// <summary>For a guard model: share of negatives flagged at the stored threshold.</summary>
    public double? FalsePositiveRate { get; init; }

    /// <summary>The decision threshold on the positive label's probability, when one applies.</summary>
    public double? Threshold { get; init; }

    /// <summary>For a cascade: share of the rows the encoder decided.</summary>
    public double? EscalationShare { get; init; }

    /// <summary>Builds the report from true and predicted label indices.</summary>
    public static EvaluationReport Create(string split, IReadOnlyList<string> labels, IReadOnlyList<int> truth, IReadOnlyList<int> predicted,
        int? positive = null, double? threshold = null)
    {
        var k = labels.Count;
        var confusion = new int[k][];
        for (var i = 0; i < k; i++)
        {
            confusion[i] = new int[k];
        }
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            confusion[truth[i]][predicted[i]]++;
            correct += truth[i] == predicted[i] ? 1 : 0;
        }
        var perLabel = new Dictionary<string, LabelMetrics>();
        for (var c = 0; c < k; c++)
        {
            var tp = confusion[c][c];
            var support = confusion[c].Sum();
            var predictedCount = 0;
            for (var r = 0; r < k; r++)
            {
                predictedCount += confusion[r][c];
            }
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perLabel[labels[c]] = new LabelMetrics(Round(precision), Round(recall), Round(f1), support);
        }
        double? positiveRecall = null, fpr = null;
        if (positive is { } p)
        {
            var positives = confusion[p].Sum();
            positiveRecall = positives == 0 ? null : Round((double)confusion[p][p] / positives);
            int negatives = 0, falsePositives = 0;
            for (var r = 0; r < k; r++)
            {
                if (r != p)
                {
                    negatives += confusion[r].Sum();
                    falsePositives += confusion[r][p];
                }
            }
            fpr = negatives == 0 ? null : Round((double)falsePositives / negatives);
        }
        return new EvaluationReport
        {
            Split = split,
            Count = truth.Count,
            Accuracy = truth.Count == 0 ? 0 : Round((double)correct / truth.Count),
            PerLabel = perLabel,
            Confusion = confusion,
            PositiveRecall = positiveRecall,
            FalsePositiveRate = fpr,
            Threshold = threshold,
        };
    }

    /// <summary>A human-readable table for the console.</summary>
    public string Format(IReadOnlyList<string> labels)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"[{Split}] n={Count} accuracy={Accuracy:F4}"
            + (PositiveRecall is { } r ? $" positive_recall={r:F4}" : "")
            + (FalsePositiveRate is { } f ? $" fpr={f:F4}" : "")
            + (Threshold is { } t ? $" threshold={t:F4}" : ""));
        sb.AppendLine($"  {"label",-12} {"precision",9} {"recall",9} {"f1",9} {"support",8}");
        foreach (var label in labels)
        {
            var m = PerLabel[label];
            sb.AppendLine($"  {label,-12} {m.Precision,9:F4} {m.Recall,9:F4} {m.F1,9:F4} {m.Support,8}");
        }
        sb.AppendLine("  confusion (rows = true, columns = predicted): " + string.Join(" ", labels));
        for (var i = 0; i < labels.Count; i++)
        {
            sb.AppendLine($"  {labels[i],-12} " + string.Join(" ", Confusion[i].Select(v => v.ToString().PadLeft(6))));
        }
        return sb.ToString();
    }

    private static double Round(double value) => Math.Round(value, 4);
}

/// <summary>Precision, recall and F1 of one label, with its number of true rows.</summary>
internal sealed record LabelMetrics(double Precision, double Recall, double F1, int Support);
