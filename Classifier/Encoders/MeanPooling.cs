namespace HybridInference.Classifier.Encoders;

/// <summary>
/// Sentence embedding from token states: the mean over the text's tokens (mask 1), then L2-normalised, as
/// sentence-transformers pools these models. The reference the exported head graph reproduces.
/// </summary>
internal static class MeanPooling
{
    /// <summary>Smallest norm divided by, so an all-zero vector stays zero.</summary>
    public const float NormFloor = 1e-12f;

    public static void Pool(EncodedBatch batch, Span<float> embeddings)
    {
        var dim = batch.Dimensions;
        for (var i = 0; i < batch.Batch; i++)
        {
            var output = embeddings.Slice(i * dim, dim);
            output.Clear();
            var count = 0f;
            for (var t = 0; t < batch.Width; t++)
            {
                if (batch.Mask[i * batch.Width + t] == 0)
                {
                    continue;
                }
                count++;
                var row = batch.States.AsSpan((i * batch.Width + t) * dim, dim);
                for (var k = 0; k < dim; k++)
                {
                    output[k] += row[k];
                }
            }
            var norm = 0f;
            for (var k = 0; k < dim; k++)
            {
                output[k] /= Math.Max(count, 1f);
                norm += output[k] * output[k];
            }
            var scale = 1f / Math.Max(MathF.Sqrt(norm), NormFloor);
            for (var k = 0; k < dim; k++)
            {
                output[k] *= scale;
            }
        }
    }
}
