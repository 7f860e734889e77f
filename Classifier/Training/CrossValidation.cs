using HybridInference.Classifier.Featurization;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Out-of-fold logits by k-fold cross-validation on the training rows, and what is fitted on them: the softmax
/// temperature and the guard's decision threshold. Nothing here looks at the test split.
/// </summary>
internal static class CrossValidation
{
    /// <summary>Logits of every row from a model that did not see it (folds assigned by a seeded shuffle).</summary>
    public static float[][] OutOfFoldLogits(IReadOnlyList<Features> features, IReadOnlyList<int> labels, int classes,
        FeatureHashing hashing, TrainingOptions options, int folds, TextWriter? log = null)
    {
        var fold = new int[features.Count];
        var order = Enumerable.Range(0, features.Count).ToArray();
        new Random(options.Seed ^ 0x5EED).Shuffle(order);
        for (var i = 0; i < order.Length; i++)
        {
            fold[order[i]] = i % folds;
        }
        var logits = new float[features.Count][];
        for (var f = 0; f < folds; f++)
        {
            var trainX = new List<Features>();
            var trainY = new List<int>();
            for (var i = 0; i < features.Count; i++)
            {
                if (fold[i] != f)
                {
                    trainX.Add(features[i]);
                    trainY.Add(labels[i]);
                }
            }
            var loss = 0.0;
            var model = new FastTextTrainer(options with { Seed = options.Seed + f + 1 }).Train(trainX, trainY, hashing, classes, (_, l) => loss = l);
            int held = 0, correct = 0;
            for (var i = 0; i < features.Count; i++)
            {
                if (fold[i] == f)
                {
                    logits[i] = new float[classes];
                    Forward(model, hashing, features[i], logits[i]);
                    held++;
                    correct += Array.IndexOf(logits[i], logits[i].Max()) == labels[i] ? 1 : 0;
                }
            }
            log?.WriteLine($"  fasttext fold {f + 1}/{folds}: last epoch loss {loss:F4}, held-out accuracy {(double)correct / Math.Max(1, held):F4}");
        }
        return logits;
    }

    /// <summary>Logits of one featurised text, weights normalised as at inference.</summary>
    public static void Forward(FastTextModel model, FeatureHashing hashing, Features features, Span<float> logits)
    {
        var weights = (float[])features.Weights.Clone();
        hashing.Normalize(weights);
        model.Forward(features.Ids, weights, logits);
    }

    /// <summary>The temperature minimising negative log-likelihood of the logits (golden-section search on log T).</summary>
    public static double FitTemperature(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels)
    {
        double lo = Math.Log(0.05), hi = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var a = hi - ratio * (hi - lo);
            var b = lo + ratio * (hi - lo);
            if (NegativeLogLikelihood(logits, labels, Math.Exp(a)) < NegativeLogLikelihood(logits, labels, Math.Exp(b)))
            {
                hi = b;
            }
            else
            {
                lo = a;
            }
        }
        return Math.Round(Math.Exp((lo + hi) / 2), 4);
    }

    private static double NegativeLogLikelihood(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels, double temperature)
    {
        var total = 0.0;
        for (var i = 0; i < logits.Count; i++)
        {
            var row = logits[i];
            var max = row.Max() / temperature;
            var sum = 0.0;
            foreach (var l in row)
            {
                sum += Math.Exp(l / temperature - max);
            }
            total -= row[labels[i]] / temperature - max - Math.Log(sum);
        }
        return total / logits.Count;
    }

    /// <summary>
    /// The lowest threshold on the positive probability at which at most <paramref name="targetFalsePositiveRate"/> of the
    /// negatives score at or above it.
    /// </summary>
    public static double PickThreshold(IReadOnlyList<double> positiveProbability, IReadOnlyList<bool> isPositive, double targetFalsePositiveRate)
    {
        var negatives = new List<double>();
        for (var i = 0; i < positiveProbability.Count; i++)
        {
            if (!isPositive[i])
            {
                negatives.Add(positiveProbability[i]);
            }
        }
        negatives.Sort((x, y) => y.CompareTo(x));
        var allowed = (int)Math.Floor(targetFalsePositiveRate * negatives.Count);
        if (allowed >= negatives.Count)
        {
            return 0;
        }
        // Just above the first negative that would be one false positive too many (4 decimals, rounded up).
        return Math.Floor(negatives[allowed] * 10000 + 1) / 10000;
    }
}
