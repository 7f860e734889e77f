namespace HybridInference.Classifier.Inference;

/// <summary>How probabilities become a label, the same in training, evaluation and the service.</summary>
internal static class LabelDecision
{
    /// <summary>Argmax, or for a thresholded two-label model the positive label when its probability reaches the threshold.</summary>
    public static int Decide(ReadOnlySpan<float> probabilities, int positive, double? threshold)
    {
        if (positive >= 0 && threshold is { } t && probabilities.Length == 2)
        {
            return probabilities[positive] >= t ? positive : 1 - positive;
        }
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }
        return best;
    }
}
