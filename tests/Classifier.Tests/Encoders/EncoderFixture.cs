using HybridInference.Classifier.Encoders;

namespace HybridInference.Classifier.Tests.Encoders;

/// <summary>The MiniLM encoder, loaded once from its package assembly for the tests that need real token states.</summary>
public sealed class EncoderFixture : IDisposable
{
    internal SentenceEncoder Encoder { get; } = EmbedCommand.Open(PretrainedEncoder.MiniLM, new TokenWindow());

    public void Dispose() => Encoder.Dispose();
}
