namespace HybridInference.Classifier.Featurization;

/// <summary>
/// How text becomes hashed feature ids. Stored in each model's metadata so inference hashes exactly as training did.
/// </summary>
internal sealed record FeatureHashing
{
    /// <summary>Number of embedding rows every feature hashes into. Default 2^18.</summary>
    public int Buckets { get; init; } = 1 << 18;

    /// <summary>Shortest character n-gram, counting the word boundary markers. Default 2.</summary>
    public int MinCharN { get; init; } = 2;

    /// <summary>Longest character n-gram. Default 5.</summary>
    public int MaxCharN { get; init; } = 5;

    /// <summary>Longest word n-gram (1 = unigrams only). Default 2.</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Characters of the input kept (head truncation) before featurising. Default 2,000.</summary>
    public int MaxChars { get; init; } = 2000;

    /// <summary>Feature ids kept per text; later ones are dropped. Default 8,192.</summary>
    public int MaxFeatures { get; init; } = 8192;

    /// <summary>
    /// Weight of each character n-gram relative to a word feature (1). Below 1, words decide and character n-grams are a
    /// back-off for unseen words, typos and other scripts. Default 0.25.
    /// </summary>
    public float CharWeight { get; init; } = 0.25f;

    /// <summary>
    /// How a text's feature weights are scaled: <c>mean</c> divides by their sum (fastText's average); <c>sqrt</c> by its
    /// square root, so long texts are not diluted. Default <c>sqrt</c>.
    /// </summary>
    public string Normalization { get; init; } = SqrtNormalization;

    public const string MeanNormalization = "mean";
    public const string SqrtNormalization = "sqrt";

    /// <summary>Scales raw feature weights in place as <see cref="Normalization"/> says.</summary>
    public void Normalize(Span<float> weights)
    {
        var sum = 0f;
        foreach (var w in weights)
        {
            sum += w;
        }
        if (sum <= 0f)
        {
            return;
        }
        var scale = Normalization == MeanNormalization ? 1f / sum : 1f / MathF.Sqrt(sum);
        foreach (ref var w in weights)
        {
            w *= scale;
        }
    }

    /// <summary>Seed of the hash function, so differently seeded models do not share collisions. Default 0.</summary>
    public uint Seed { get; init; }
}
