using HybridInference.Classifier.Featurization;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Plain single-threaded SGD on softmax cross-entropy, fastText style (linearly decaying step, gradient spread over the
/// averaged embedding rows). Single-threaded on purpose: the same seed and data give bit-identical weights.
/// </summary>
internal sealed class FastTextTrainer(TrainingOptions options)
{
    /// <summary>
    /// Trains on featurised examples (<paramref name="features"/>[i] labelled <paramref name="labels"/>[i]); after each
    /// epoch <paramref name="progress"/> gets the epoch and the mean training loss.
    /// </summary>
    public FastTextModel Train(IReadOnlyList<Features> features, IReadOnlyList<int> labels, FeatureHashing hashing, int classes,
        Action<int, double>? progress = null)
    {
        var buckets = hashing.Buckets;
        var model = new FastTextModel(buckets, options.Dim, options.Hidden, classes);
        var random = new Random(options.Seed);
        Initialise(model, random);

        var order = new int[features.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var totalSteps = (long)options.Epochs * order.Length;
        var step = 0L;
        var keptIds = new int[MaxLength(features)];
        var keptWeights = new float[keptIds.Length];
        var state = new StepState(model);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var loss = 0.0;
            foreach (var index in order)
            {
                var learningRate = options.LearningRate * (1f - (float)step / totalSteps);
                step++;
                var count = Sample(features[index], keptIds, keptWeights, random);
                if (count > 0)
                {
                    hashing.Normalize(keptWeights.AsSpan(0, count));
                    loss += Step(model, state, keptIds.AsSpan(0, count), keptWeights.AsSpan(0, count), labels[index], learningRate);
                }
            }
            progress?.Invoke(epoch + 1, loss / Math.Max(1, order.Length));
        }
        return model;
    }

    private static int MaxLength(IReadOnlyList<Features> features)
    {
        var max = 1;
        foreach (var f in features)
        {
            max = Math.Max(max, f.Ids.Length);
        }
        return max;
    }

    private void Initialise(FastTextModel model, Random random)
    {
        var scale = 1f / model.Dim;
        for (var i = 0; i < model.Embedding.Length; i++)
        {
            model.Embedding[i] = (random.NextSingle() * 2f - 1f) * scale;
        }
        if (model.Hidden > 0)
        {
            var hiddenScale = MathF.Sqrt(6f / (model.Dim + model.Hidden));
            for (var i = 0; i < model.HiddenWeights.Length; i++)
            {
                model.HiddenWeights[i] = (random.NextSingle() * 2f - 1f) * hiddenScale;
            }
        }
        // The output layer starts at zero, as in fastText: every label equally likely.
    }

    /// <summary>Copies the features this step sees: a random head of the text sometimes, each id dropped with some probability.</summary>
    private int Sample(Features features, int[] keptIds, float[] keptWeights, Random random)
    {
        var length = features.Ids.Length;
        if (length > 8 && random.NextSingle() < options.PrefixProbability)
        {
            length = 8 + random.Next(length - 8);
        }
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            if (options.FeatureDropout <= 0f || random.NextSingle() >= options.FeatureDropout)
            {
                keptIds[count] = features.Ids[i];
                keptWeights[count++] = features.Weights[i];
            }
        }
        if (count == 0 && length > 0)
        {
            var pick = random.Next(length);
            keptIds[count] = features.Ids[pick];
            keptWeights[count++] = features.Weights[pick];
        }
        return count;
    }

    /// <summary>One SGD step; returns the example's cross-entropy before the step.</summary>
    private double Step(FastTextModel model, StepState s, ReadOnlySpan<int> ids, ReadOnlySpan<float> weights, int label, float learningRate)
    {
        var dim = model.Dim;
        var classes = model.Classes;
        model.Average(ids, weights, s.Bag);
        var top = model.Layer(s.Bag, s.HiddenOut);
        model.Output(top, s.Logits);
        FastTextModel.Softmax(s.Logits, s.Probabilities);

        // dLoss/dLogits for a smoothed one-hot target, already scaled by the step.
        var off = options.LabelSmoothing / Math.Max(1, classes - 1);
        for (var c = 0; c < classes; c++)
        {
            var target = c == label ? 1f - options.LabelSmoothing : off;
            s.GradLogits[c] = (s.Probabilities[c] - target) * learningRate;
        }

        var inputs = top.Length;
        var gradTop = s.GradTop.AsSpan(0, inputs);
        for (var k = 0; k < inputs; k++)
        {
            var sum = 0f;
            var row = k * classes;
            for (var c = 0; c < classes; c++)
            {
                sum += model.OutputWeights[row + c] * s.GradLogits[c];
                model.OutputWeights[row + c] -= top[k] * s.GradLogits[c];
            }
            gradTop[k] = sum;
        }
        for (var c = 0; c < classes; c++)
        {
            model.OutputBias[c] -= s.GradLogits[c];
        }

        var gradBag = s.GradBag;
        if (model.Hidden > 0)
        {
            Array.Clear(gradBag);
            for (var j = 0; j < model.Hidden; j++)
            {
                if (s.HiddenOut[j] <= 0f)
                {
                    continue;
                }
                var g = gradTop[j];
                for (var k = 0; k < dim; k++)
                {
                    gradBag[k] += model.HiddenWeights[k * model.Hidden + j] * g;
                    model.HiddenWeights[k * model.Hidden + j] -= s.Bag[k] * g;
                }
                model.HiddenBias[j] -= g;
            }
        }
        else
        {
            gradTop.CopyTo(gradBag);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var row = model.Embedding.AsSpan(ids[i] * dim, dim);
            var share = weights[i];
            for (var k = 0; k < dim; k++)
            {
                row[k] -= gradBag[k] * share;
            }
        }
        return -Math.Log(Math.Max(s.Probabilities[label], 1e-12f));
    }

    /// <summary>Scratch buffers reused across steps.</summary>
    private sealed class StepState(FastTextModel model)
    {
        public float[] Bag { get; } = new float[model.Dim];
        public float[] HiddenOut { get; } = new float[Math.Max(1, model.Hidden)];
        public float[] Logits { get; } = new float[model.Classes];
        public float[] Probabilities { get; } = new float[model.Classes];
        public float[] GradLogits { get; } = new float[model.Classes];
        public float[] GradTop { get; } = new float[model.OutputInputs];
        public float[] GradBag { get; } = new float[model.Dim];
    }
}
