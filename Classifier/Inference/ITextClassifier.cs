namespace HybridInference.Classifier.Inference;

/// <summary>A loaded model that maps texts to label probabilities. Implementations are safe for concurrent use.</summary>
internal interface ITextClassifier : IDisposable
{
    /// <summary>What <c>GET /v1/models</c> says about the model, including its labels.</summary>
    ModelDescription Description { get; }

    /// <summary>Writes <c>texts.Count × labels</c> probabilities, row-major, into <paramref name="probabilities"/>.</summary>
    void Classify(IReadOnlyList<string> texts, Span<float> probabilities);
}
