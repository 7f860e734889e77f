namespace HybridInference.Classifier.Training;

/// <summary>Hyper-parameters of the embedding-head trainer.</summary>
internal sealed record HeadTrainingOptions
{
    /// <summary>Width of the ReLU hidden layer; 0 for logistic regression. Default 0.</summary>
    public int Hidden { get; init; }

    /// <summary>Passes over the training rows. Default 40.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Rows per Adam step. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam step size, decayed linearly to a tenth over the run. Default 0.01.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>L2 penalty on the weights (not the biases), per step. Default 1e-4.</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Mass of the target spread over the other labels. Default 0.05.</summary>
    public float LabelSmoothing { get; init; } = 0.05f;

    /// <summary>
    /// Whether each label's rows weigh in inverse proportion to its share of the training rows (a label with half the
    /// rows of another counts twice per row); null or false: every row weighs the same. Null by default, so that
    /// metadata written before the option reads and writes the same.
    /// </summary>
    public bool? BalanceClasses { get; init; }

    /// <summary>Seed of the initialisation and the shuffles; a fixed seed gives identical weights. Default 20241123.</summary>
    public int Seed { get; init; } = 20241123;
}
