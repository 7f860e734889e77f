using HybridInference.Classifier.Featurization;

namespace HybridInference.Classifier.Training;

/// <summary>Everything a training run is parameterised by, from the command line.</summary>
internal sealed record TaskTrainingSettings
{
    public FeatureHashing Hashing { get; init; } = new();
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Cross-validation folds for temperature and threshold; 0 or 1 skips them. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// The guard's target false-positive rate on cross-validated benign train.jsonl prompts: the product's 1 % budget.
    /// </summary>
    public double TargetFalsePositiveRate { get; init; } = 0.01;

    /// <summary>Where to write cross-validated probabilities per row, for error analysis; none by default.</summary>
    public string? OutOfFoldPath { get; init; }

    /// <summary>Train on the first N rows only (tests).</summary>
    public int? Limit { get; init; }

    /// <summary><paramref name="defaults"/> with whatever the command line overrides.</summary>
    public static TaskTrainingSettings FromCommandLine(CommandLine args, TaskTrainingSettings defaults)
    {
        return new TaskTrainingSettings
        {
            Hashing = defaults.Hashing with
            {
                Buckets = args.Int("buckets") ?? defaults.Hashing.Buckets,
                MinCharN = args.Int("min-char-n") ?? defaults.Hashing.MinCharN,
                MaxCharN = args.Int("max-char-n") ?? defaults.Hashing.MaxCharN,
                WordNgrams = args.Int("word-ngrams") ?? defaults.Hashing.WordNgrams,
            },
            Training = defaults.Training with
            {
                Dim = args.Int("dim") ?? defaults.Training.Dim,
                Hidden = args.Int("hidden") ?? defaults.Training.Hidden,
                Epochs = args.Int("epochs") ?? defaults.Training.Epochs,
                LearningRate = args.Float("lr") ?? defaults.Training.LearningRate,
                FeatureDropout = args.Float("dropout") ?? defaults.Training.FeatureDropout,
                PrefixProbability = args.Float("prefix") ?? defaults.Training.PrefixProbability,
                LabelSmoothing = args.Float("smoothing") ?? defaults.Training.LabelSmoothing,
                Seed = args.Int("seed") ?? defaults.Training.Seed,
            },
            Folds = args.Int("folds") ?? defaults.Folds,
            TargetFalsePositiveRate = args.Float("target-fpr") ?? defaults.TargetFalsePositiveRate,
            Limit = args.Int("limit"),
            OutOfFoldPath = args.Get("oof-out"),
        };
    }

    /// <summary><paramref name="defaults"/> with whatever the command line overrides (<c>--head-hidden</c>, <c>--head-epochs</c>, <c>--head-lr</c>, <c>--head-decay</c>, <c>--head-balance</c>).</summary>
    public static HeadTrainingOptions HeadFromCommandLine(CommandLine args, HeadTrainingOptions defaults) => defaults with
    {
        Hidden = args.Int("head-hidden") ?? defaults.Hidden,
        Epochs = args.Int("head-epochs") ?? defaults.Epochs,
        LearningRate = args.Float("head-lr") ?? defaults.LearningRate,
        WeightDecay = args.Float("head-decay") ?? defaults.WeightDecay,
        Seed = args.Int("seed") ?? defaults.Seed,
        BalanceClasses = args.Has("head-balance") ? true : defaults.BalanceClasses,
    };
}
