using HybridInference.Classifier.Evaluation;

namespace HybridInference.Classifier.Training;

/// <summary>One variant's answers on extra.jsonl; <see cref="Escalated"/> for a cascade.</summary>
internal sealed record HoldoutVariant(string Name, int[] Predicted, bool[]? Escalated, double? Threshold);

/// <summary>Every variant's answers on extra.jsonl for one task.</summary>
internal sealed record HoldoutResult(TaskDefinition Task, string[] Labels, int Positive, List<LabelledText> Rows, int[] Truth, List<HoldoutVariant> Variants)
{
    public EvaluationReport Report(HoldoutVariant variant, string split, int[] rows) =>
        EvaluationReport.Create(split, Labels, rows.Select(i => Truth[i]).ToArray(), rows.Select(i => variant.Predicted[i]).ToArray(),
            Positive >= 0 ? Positive : null, variant.Threshold);

    /// <summary>A Markdown table: a row per slice, a column per variant (accuracy; for the guard recall / FPR), escalation shares last.</summary>
    public string ToMarkdown()
    {
        var sb = new System.Text.StringBuilder();
        var metric = Positive >= 0 ? "jailbreak recall / benign FPR" : "accuracy";
        sb.AppendLine($"{Task.Name} on extra.jsonl (trained on train.jsonl only), {metric}:");
        sb.AppendLine();
        sb.Append("| slice | n |");
        foreach (var v in Variants)
        {
            sb.Append($" {v.Name} |");
        }
        foreach (var v in Variants.Where(v => v.Escalated is not null))
        {
            sb.Append($" escalated ({v.Name}) |");
        }
        sb.AppendLine();
        sb.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", Variants.Count + Variants.Count(v => v.Escalated is not null))));
        foreach (var (slice, rows) in Holdout.Slices(Rows))
        {
            sb.Append($"| {slice} | {rows.Length} |");
            foreach (var v in Variants)
            {
                var r = Report(v, slice, rows);
                sb.Append(Positive >= 0 ? $" {Format(r.PositiveRecall)} / {Format(r.FalsePositiveRate)} |" : $" {r.Accuracy:F3} |");
            }
            foreach (var v in Variants.Where(v => v.Escalated is not null))
            {
                sb.Append($" {rows.Count(i => v.Escalated![i]) / (double)rows.Length:P0} |");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
