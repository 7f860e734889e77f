namespace HybridInference.Classifier.Training;

/// <summary>
/// Mini-batch Adam on softmax cross-entropy for a <see cref="HeadModel"/> over fixed sentence embeddings.
/// Single-threaded scalar arithmetic on purpose: the same seed and embeddings give bit-identical weights.
/// </summary>
internal sealed class HeadTrainer(HeadTrainingOptions options)
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    /// <summary>
    /// Trains on <paramref name="train"/> rows of <paramref name="embeddings"/> (<c>rows × dim</c>); after each epoch,
    /// <paramref name="progress"/> gets the epoch, the mean training loss and the accuracy on <paramref name="validation"/> (NaN without).
    /// </summary>
    public HeadModel Train(float[] embeddings, int dim, IReadOnlyList<int> labels, int classes, IReadOnlyList<int> train,
        IReadOnlyList<int>? validation = null, Action<int, double, double>? progress = null)
    {
        var model = new HeadModel(dim, options.Hidden, classes);
        var random = new Random(options.Seed);
        if (model.Hidden > 0)
        {
            var scale = MathF.Sqrt(6f / (dim + model.Hidden));
            for (var i = 0; i < model.HiddenWeights.Length; i++)
            {
                model.HiddenWeights[i] = (random.NextSingle() * 2f - 1f) * scale;
            }
        }
        var parameters = new[] { model.HiddenWeights, model.HiddenBias, model.OutputWeights, model.OutputBias };
        var decays = new[] { true, false, true, false };
        var gradients = parameters.Select(p => new float[p.Length]).ToArray();
        var first = parameters.Select(p => new float[p.Length]).ToArray();
        var second = parameters.Select(p => new float[p.Length]).ToArray();
        var order = train.ToArray();
        var weights = ClassWeights(labels, classes, order);
        var hidden = new float[Math.Max(1, model.Hidden)];
        var logits = new float[classes];
        var probabilities = new float[classes];
        var gradTop = new float[model.OutputInputs];
        var totalSteps = options.Epochs * ((order.Length + options.BatchSize - 1) / options.BatchSize);
        var step = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var loss = 0.0;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var count = Math.Min(options.BatchSize, order.Length - start);
                foreach (var g in gradients)
                {
                    Array.Clear(g);
                }
                for (var b = 0; b < count; b++)
                {
                    var row = order[start + b];
                    loss += weights[labels[row]] * Accumulate(model, embeddings.AsSpan(row * dim, dim), labels[row], hidden, logits, probabilities, gradTop, gradients,
                        weights[labels[row]] / count);
                }
                step++;
                var rate = options.LearningRate * (1f - 0.9f * (step - 1) / totalSteps);
                for (var p = 0; p < parameters.Length; p++)
                {
                    Update(parameters[p], gradients[p], first[p], second[p], step, rate, decays[p] ? options.WeightDecay : 0f);
                }
            }
            progress?.Invoke(epoch, loss / order.Length, validation is null ? double.NaN : Accuracy(model, embeddings, labels, validation));
        }
        return model;
    }

    // Per label: 1, or with BalanceClasses rows / (classes × the label's rows), so every label carries the same total weight.
    private float[] ClassWeights(IReadOnlyList<int> labels, int classes, int[] rows)
    {
        var weights = Enumerable.Repeat(1f, classes).ToArray();
        if (options.BalanceClasses is true)
        {
            var counts = new int[classes];
            foreach (var row in rows)
            {
                counts[labels[row]]++;
            }
            for (var c = 0; c < classes; c++)
            {
                weights[c] = counts[c] == 0 ? 0f : (float)rows.Length / (classes * counts[c]);
            }
        }
        return weights;
    }

    /// <summary>Share of <paramref name="rows"/> whose arg-max logit is their label.</summary>
    public static double Accuracy(HeadModel model, float[] embeddings, IReadOnlyList<int> labels, IReadOnlyList<int> rows)
    {
        var logits = model.Logits(embeddings, rows);
        var correct = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var best = 0;
            for (var c = 1; c < logits[i].Length; c++)
            {
                best = logits[i][c] > logits[i][best] ? c : best;
            }
            correct += best == labels[rows[i]] ? 1 : 0;
        }
        return rows.Count == 0 ? 0 : (double)correct / rows.Count;
    }

    // Adds one example's gradient (scaled by `share`) and returns its loss.
    private double Accumulate(HeadModel model, ReadOnlySpan<float> x, int label, float[] hidden, float[] logits, float[] probabilities,
        float[] gradTop, float[][] gradients, float share)
    {
        model.Forward(x, hidden, logits);
        FastTextModel.Softmax(logits, probabilities);
        var classes = model.Classes;
        var off = options.LabelSmoothing / Math.Max(1, classes - 1);
        var loss = 0.0;
        Span<float> gradLogits = stackalloc float[classes];
        for (var c = 0; c < classes; c++)
        {
            var target = c == label ? 1f - options.LabelSmoothing : off;
            loss -= target * Math.Log(Math.Max(probabilities[c], 1e-12f));
            gradLogits[c] = (probabilities[c] - target) * share;
        }
        ReadOnlySpan<float> top = model.Hidden > 0 ? hidden.AsSpan(0, model.Hidden) : x;
        var gradOutputWeights = gradients[2];
        for (var k = 0; k < top.Length; k++)
        {
            var sum = 0f;
            for (var c = 0; c < classes; c++)
            {
                gradOutputWeights[k * classes + c] += top[k] * gradLogits[c];
                sum += model.OutputWeights[k * classes + c] * gradLogits[c];
            }
            gradTop[k] = sum;
        }
        for (var c = 0; c < classes; c++)
        {
            gradients[3][c] += gradLogits[c];
        }
        if (model.Hidden > 0)
        {
            var gradHiddenWeights = gradients[0];
            for (var j = 0; j < model.Hidden; j++)
            {
                if (hidden[j] <= 0f)
                {
                    gradTop[j] = 0f;
                }
                gradients[1][j] += gradTop[j];
            }
            for (var k = 0; k < model.Inputs; k++)
            {
                var xk = x[k];
                var row = gradHiddenWeights.AsSpan(k * model.Hidden, model.Hidden);
                for (var j = 0; j < model.Hidden; j++)
                {
                    row[j] += xk * gradTop[j];
                }
            }
        }
        return loss;
    }

    private static void Update(float[] weights, float[] gradient, float[] first, float[] second, int step, float rate, float decay)
    {
        var correction1 = 1f - MathF.Pow(Beta1, step);
        var correction2 = 1f - MathF.Pow(Beta2, step);
        for (var i = 0; i < weights.Length; i++)
        {
            var g = gradient[i] + decay * weights[i];
            first[i] = Beta1 * first[i] + (1f - Beta1) * g;
            second[i] = Beta2 * second[i] + (1f - Beta2) * g * g;
            weights[i] -= rate * (first[i] / correction1) / (MathF.Sqrt(second[i] / correction2) + Epsilon);
        }
    }
}
