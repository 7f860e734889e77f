namespace HybridInference.Classifier.Training;

/// <summary>
/// The guard's "either stage" rule: a text is flagged when fastText's jailbreak probability reaches its threshold or
/// the encoder head's reaches its own. Both thresholds are chosen together on out-of-fold probabilities of the
/// calibration rows: the highest recall whose benign false-positive rate (of the union) stays within the budget.
/// </summary>
internal static class EitherStage
{
    public static (double FastText, double Encoder) Fit(IReadOnlyList<float[]> fastText, IReadOnlyList<float[]> encoder, IReadOnlyList<int> truth,
        int positive, double targetFalsePositiveRate)
    {
        var negatives = Enumerable.Range(0, truth.Count).Where(i => truth[i] != positive).ToArray();
        var positives = Enumerable.Range(0, truth.Count).Where(i => truth[i] == positive).ToArray();
        var allowed = (int)Math.Floor(targetFalsePositiveRate * negatives.Length);
        var byFastText = negatives.Select(i => (double)fastText[i][positive]).OrderDescending().ToArray();
        var best = (FastText: 1.0001, Encoder: 1.0001, Recall: -1.0);
        // fastText spends k of the budget's false positives (k = 0 … allowed), the head the rest on what fastText let through.
        for (var k = 0; k <= Math.Min(allowed, byFastText.Length - 1); k++)
        {
            var fastTextThreshold = JustAbove(byFastText[k]);
            var left = negatives.Where(i => fastText[i][positive] < fastTextThreshold).ToArray();
            var spent = negatives.Length - left.Length;
            var byEncoder = left.Select(i => (double)encoder[i][positive]).OrderDescending().ToArray();
            var remaining = allowed - spent;
            var encoderThreshold = remaining < 0 ? 1.0001 : remaining >= byEncoder.Length ? 0 : JustAbove(byEncoder[remaining]);
            var recall = positives.Count(i => Flags(fastText[i], encoder[i], positive, fastTextThreshold, encoderThreshold)) / (double)Math.Max(1, positives.Length);
            if (recall > best.Recall)
            {
                best = (fastTextThreshold, encoderThreshold, recall);
            }
        }
        return (best.FastText, best.Encoder);
    }

    public static bool Flags(ReadOnlySpan<float> fastText, ReadOnlySpan<float> encoder, int positive, double fastTextThreshold, double encoderThreshold) =>
        fastText[positive] >= fastTextThreshold || encoder[positive] >= encoderThreshold;

    /// <summary>The label each row gets under the rule.</summary>
    public static int[] Decide(IReadOnlyList<float[]> fastText, IReadOnlyList<float[]> encoder, int positive, (double FastText, double Encoder) thresholds) =>
        fastText.Select((p, i) => Flags(p, encoder[i], positive, thresholds.FastText, thresholds.Encoder) ? positive : 1 - positive).ToArray();

    // 4 decimals, rounded up past the value, as CrossValidation.PickThreshold does.
    private static double JustAbove(double value) => Math.Floor(value * 10000 + 1) / 10000;
}
