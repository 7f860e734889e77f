namespace HybridInference.Classifier.Inference;

/// <summary>
/// When the fastText answer stands and when the encoder decides instead. Domain: the encoder decides when fastText's
/// top probability is below <see cref="MinConfidence"/>. Guard: when fastText's probability of the positive label is in
/// [<see cref="BandLow"/>, <see cref="BandHigh"/>) (a band of 0 to above 1 sends every text to the encoder).
/// </summary>
/// <param name="MinConfidence">Domain: top fastText probability from which fastText answers; above 1 escalates everything.</param>
/// <param name="BandLow">Guard: lowest positive probability that escalates.</param>
/// <param name="BandHigh">Guard: positive probability from which fastText answers again.</param>
internal sealed record CascadePolicy(double MinConfidence = 0, double BandLow = 0, double BandHigh = 0)
{
    /// <summary>Whether the encoder decides for a text with these fastText probabilities.</summary>
    public bool Escalates(ReadOnlySpan<float> fastText, int positive)
    {
        if (positive >= 0)
        {
            var p = fastText[positive];
            return p >= BandLow && p < BandHigh;
        }
        var top = 0f;
        foreach (var value in fastText)
        {
            top = Math.Max(top, value);
        }
        return top < MinConfidence;
    }
}
