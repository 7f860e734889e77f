using HybridInference.Simulator.Engine;

namespace HybridInference.Simulator.Embeddings;

/// <summary>Deterministic unit vectors: the same model and text always give the same direction.</summary>
internal static class EmbeddingVectors
{
    public static float[] Create(string model, string input, int dimensions)
    {
        var random = new SplitMix64(new PromptHash().Add(model).Add(input).Value);
        var vector = new float[dimensions];
        double squares = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var component = random.NextSigned();
            vector[i] = (float)component;
            squares += component * component;
        }
        var scale = squares > 0 ? 1.0 / Math.Sqrt(squares) : 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] * scale);
        }
        return vector;
    }
}
