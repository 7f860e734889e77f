using HybridInference.Classifier.Inference;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Chooses a <see cref="CascadePolicy"/> from out-of-fold probabilities of both stages on the calibration rows
/// (train.jsonl; never a test split). Domain: the highest accuracy, and among policies within
/// <see cref="AccuracySlack"/> of it the one that escalates least. Guard: the highest jailbreak recall with benign FPR
/// within the budget, and among policies within <see cref="AccuracySlack"/> of it the one that escalates least.
/// </summary>
internal static class CascadeFit
{
    /// <summary>Accuracy (or recall) given up to escalate fewer texts: 0.1 %.</summary>
    public const double AccuracySlack = 0.001;

    public static CascadeChoice Fit(IReadOnlyList<float[]> fastText, double? fastTextThreshold, IReadOnlyList<float[]> encoder,
        double? encoderThreshold, IReadOnlyList<int> truth, int positive, double targetFalsePositiveRate)
    {
        var candidates = new List<CascadePolicy>();
        if (positive < 0)
        {
            for (var step = 0; step <= 101; step++)
            {
                candidates.Add(new CascadePolicy(MinConfidence: step / 100.0));
            }
        }
        else
        {
            for (var low = 0; low <= 100; low += 2)
            {
                for (var high = low; high <= 102; high += 2)
                {
                    candidates.Add(new CascadePolicy(BandLow: low / 100.0, BandHigh: high / 100.0));
                }
            }
        }
        CascadeChoice? best = null;
        var scored = new List<CascadeChoice>(candidates.Count);
        foreach (var policy in candidates)
        {
            var choice = Score(policy, fastText, fastTextThreshold, encoder, encoderThreshold, truth, positive);
            if (positive >= 0 && choice.FalsePositiveRate > targetFalsePositiveRate)
            {
                continue;
            }
            scored.Add(choice);
            if (best is null || choice.Quality > best.Quality)
            {
                best = choice;
            }
        }
        if (best is null)
        {
            throw new InvalidOperationException("No cascade policy keeps the false-positive budget on the calibration rows.");
        }
        var bar = best.Quality - AccuracySlack;
        return scored.Where(c => c.Quality >= bar).MinBy(c => c.EscalationShare)!;
    }

    /// <summary>What the cascade decides per row under <paramref name="policy"/>, and how well that does.</summary>
    public static CascadeChoice Score(CascadePolicy policy, IReadOnlyList<float[]> fastText, double? fastTextThreshold,
        IReadOnlyList<float[]> encoder, double? encoderThreshold, IReadOnlyList<int> truth, int positive)
    {
        var predicted = new int[truth.Count];
        var escalated = new bool[truth.Count];
        int correct = 0, escalations = 0, positives = 0, hits = 0, negatives = 0, falsePositives = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            escalated[i] = policy.Escalates(fastText[i], positive);
            predicted[i] = escalated[i]
                ? LabelDecision.Decide(encoder[i], positive, encoderThreshold)
                : LabelDecision.Decide(fastText[i], positive, fastTextThreshold);
            escalations += escalated[i] ? 1 : 0;
            correct += predicted[i] == truth[i] ? 1 : 0;
            if (positive >= 0)
            {
                if (truth[i] == positive)
                {
                    positives++;
                    hits += predicted[i] == positive ? 1 : 0;
                }
                else
                {
                    negatives++;
                    falsePositives += predicted[i] == positive ? 1 : 0;
                }
            }
        }
        var accuracy = (double)correct / Math.Max(1, truth.Count);
        var recall = (double)hits / Math.Max(1, positives);
        var fpr = (double)falsePositives / Math.Max(1, negatives);
        return new CascadeChoice(policy, positive >= 0 ? recall : accuracy, accuracy, fpr, (double)escalations / Math.Max(1, truth.Count), predicted, escalated);
    }
}

/// <summary>A cascade policy with its measured quality (accuracy, or recall for the guard) and escalation share.</summary>
internal sealed record CascadeChoice(CascadePolicy Policy, double Quality, double Accuracy, double FalsePositiveRate, double EscalationShare,
    int[] Predicted, bool[] Escalated);
