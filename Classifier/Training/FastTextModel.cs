namespace HybridInference.Classifier.Training;

/// <summary>
/// Weights of the fastText-style classifier: an embedding bag averaged over feature ids, an optional ReLU layer, and a
/// linear layer to label logits. <see cref="Forward"/> is the reference forward pass the ONNX export must reproduce.
/// </summary>
internal sealed class FastTextModel
{
    public FastTextModel(int buckets, int dim, int hidden, int classes)
    {
        Buckets = buckets;
        Dim = dim;
        Hidden = hidden;
        Classes = classes;
        Embedding = new float[(long)buckets * dim];
        HiddenWeights = new float[dim * hidden];
        HiddenBias = new float[hidden];
        OutputWeights = new float[OutputInputs * classes];
        OutputBias = new float[classes];
    }

    public int Buckets { get; }
    public int Dim { get; }
    public int Hidden { get; }
    public int Classes { get; }

    /// <summary>Width of the vector the output layer reads.</summary>
    public int OutputInputs => Hidden > 0 ? Hidden : Dim;

    /// <summary>[buckets, dim], row-major.</summary>
    public float[] Embedding { get; }

    /// <summary>[dim, hidden], row-major (ONNX MatMul layout).</summary>
    public float[] HiddenWeights { get; }

    public float[] HiddenBias { get; }

    /// <summary>[inputs, classes], row-major.</summary>
    public float[] OutputWeights { get; }

    public float[] OutputBias { get; }

    /// <summary>Logits for one text's feature ids and normalised weights, in the same arithmetic as the exported graph.</summary>
    public void Forward(ReadOnlySpan<int> ids, ReadOnlySpan<float> weights, Span<float> logits)
    {
        Span<float> bag = stackalloc float[Dim];
        Average(ids, weights, bag);
        Span<float> hidden = stackalloc float[Math.Max(Hidden, 1)];
        var top = Layer(bag, hidden);
        Output(top, logits);
    }

    /// <summary>Weighted sum of the ids' embedding rows (the weights are already normalised).</summary>
    public void Average(ReadOnlySpan<int> ids, ReadOnlySpan<float> weights, Span<float> bag)
    {
        bag.Clear();
        for (var i = 0; i < ids.Length; i++)
        {
            var row = Embedding.AsSpan(ids[i] * Dim, Dim);
            var weight = weights[i];
            for (var k = 0; k < Dim; k++)
            {
                bag[k] += row[k] * weight;
            }
        }
    }

    /// <summary>Applies the hidden layer when there is one; returns the vector the output layer reads.</summary>
    public ReadOnlySpan<float> Layer(ReadOnlySpan<float> bag, Span<float> hidden)
    {
        if (Hidden == 0)
        {
            return bag;
        }
        for (var j = 0; j < Hidden; j++)
        {
            var sum = 0f;
            for (var k = 0; k < Dim; k++)
            {
                sum += bag[k] * HiddenWeights[k * Hidden + j];
            }
            hidden[j] = Math.Max(0f, sum + HiddenBias[j]);
        }
        return hidden[..Hidden];
    }

    public void Output(ReadOnlySpan<float> input, Span<float> logits)
    {
        for (var c = 0; c < Classes; c++)
        {
            var sum = 0f;
            for (var k = 0; k < input.Length; k++)
            {
                sum += input[k] * OutputWeights[k * Classes + c];
            }
            logits[c] = sum + OutputBias[c];
        }
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

    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }
        var sum = 0f;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = MathF.Exp(logits[i] - max);
            sum += probabilities[i];
        }
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] /= sum;
        }
    }
}
