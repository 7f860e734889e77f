namespace HybridInference.Classifier.Training;

/// <summary>
/// A classifier head on sentence embeddings: an optional ReLU layer and a linear layer to label logits.
/// <see cref="Forward"/> is the reference the exported graph must reproduce.
/// </summary>
internal sealed class HeadModel
{
    public HeadModel(int inputs, int hidden, int classes)
    {
        Inputs = inputs;
        Hidden = hidden;
        Classes = classes;
        HiddenWeights = new float[inputs * hidden];
        HiddenBias = new float[hidden];
        OutputWeights = new float[OutputInputs * classes];
        OutputBias = new float[classes];
    }

    public int Inputs { get; }
    public int Hidden { get; }
    public int Classes { get; }

    /// <summary>Width of the vector the output layer reads.</summary>
    public int OutputInputs => Hidden > 0 ? Hidden : Inputs;

    /// <summary>[inputs, hidden], row-major (ONNX MatMul layout).</summary>
    public float[] HiddenWeights { get; }

    public float[] HiddenBias { get; }

    /// <summary>[outputInputs, classes], row-major.</summary>
    public float[] OutputWeights { get; }

    public float[] OutputBias { get; }

    /// <summary>Logits of one embedding; <paramref name="hidden"/> receives the hidden activations (length ≥ 1).</summary>
    public void Forward(ReadOnlySpan<float> embedding, Span<float> hidden, Span<float> logits)
    {
        ReadOnlySpan<float> top = embedding;
        if (Hidden > 0)
        {
            for (var j = 0; j < Hidden; j++)
            {
                hidden[j] = HiddenBias[j];
            }
            for (var k = 0; k < Inputs; k++)
            {
                var x = embedding[k];
                var row = HiddenWeights.AsSpan(k * Hidden, Hidden);
                for (var j = 0; j < Hidden; j++)
                {
                    hidden[j] += x * row[j];
                }
            }
            for (var j = 0; j < Hidden; j++)
            {
                hidden[j] = Math.Max(0f, hidden[j]);
            }
            top = hidden[..Hidden];
        }
        for (var c = 0; c < Classes; c++)
        {
            logits[c] = OutputBias[c];
        }
        for (var k = 0; k < top.Length; k++)
        {
            var x = top[k];
            for (var c = 0; c < Classes; c++)
            {
                logits[c] += x * OutputWeights[k * Classes + c];
            }
        }
    }

    /// <summary>Logits of every row of <paramref name="embeddings"/> (<c>rows × inputs</c>).</summary>
    public float[][] Logits(ReadOnlySpan<float> embeddings, IReadOnlyList<int> rows)
    {
        var hidden = new float[Math.Max(1, Hidden)];
        var logits = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            logits[i] = new float[Classes];
            Forward(embeddings.Slice(rows[i] * Inputs, Inputs), hidden, logits[i]);
        }
        return logits;
    }

    /// <summary>Divides the output layer by <paramref name="temperature"/>, so the softmax it feeds is calibrated.</summary>
    public void ApplyTemperature(float temperature)
    {
        for (var i = 0; i < OutputWeights.Length; i++)
        {
            OutputWeights[i] /= temperature;
        }
        for (var i = 0; i < OutputBias.Length; i++)
        {
            OutputBias[i] /= temperature;
        }
    }
}
