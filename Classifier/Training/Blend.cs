using HybridInference.Classifier.Inference;

namespace HybridInference.Classifier.Training;

/// <summary>
/// A weighted mean of the fastText and encoder-head probabilities, the weight (and the guard's threshold at the
/// false-positive budget) chosen on out-of-fold probabilities of the calibration rows.
/// </summary>
internal static class Blend
{
    public static float[][] Mix(IReadOnlyList<float[]> fastText, IReadOnlyList<float[]> encoder, double weight) =>
        fastText.Select((p, i) => p.Select((v, c) => (float)(weight * v + (1 - weight) * encoder[i][c])).ToArray()).ToArray();

    public static (double Weight, double? Threshold) Fit(IReadOnlyList<float[]> fastText, IReadOnlyList<float[]> encoder, IReadOnlyList<int> truth,
        int positive, double targetFalsePositiveRate)
    {
        var best = (Weight: 1.0, Threshold: (double?)null, Quality: double.MinValue);
        for (var step = 0; step <= 10; step++)
        {
            var weight = step / 10.0;
            var mixed = Mix(fastText, encoder, weight);
            double? threshold = positive < 0 ? null : CrossValidation.PickThreshold(
                mixed.Select(p => (double)p[positive]).ToArray(), truth.Select(t => t == positive).ToArray(), targetFalsePositiveRate);
            var predicted = mixed.Select(p => LabelDecision.Decide(p, positive, threshold)).ToArray();
            var hits = 0;
            var count = 0;
            for (var i = 0; i < truth.Count; i++)
            {
                if (positive < 0 || truth[i] == positive)
                {
                    count++;
                    hits += predicted[i] == truth[i] ? 1 : 0;
                }
            }
            var quality = (double)hits / Math.Max(1, count);
            if (quality > best.Quality)
            {
                best = (weight, threshold, quality);
            }
        }
        return (best.Weight, best.Threshold);
    }
}
