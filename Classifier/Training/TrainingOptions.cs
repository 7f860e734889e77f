namespace HybridInference.Classifier.Training;

/// <summary>Hyper-parameters of the fastText-style trainer.</summary>
internal sealed record TrainingOptions
{
    /// <summary>Embedding width. Default 16.</summary>
    public int Dim { get; init; } = 16;

    /// <summary>Width of the ReLU hidden layer; 0 for a linear head. Default 0.</summary>
    public int Hidden { get; init; }

    /// <summary>Passes over the training data. Default 12.</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Initial SGD step, decayed linearly to zero as fastText does. Default 0.5.</summary>
    public float LearningRate { get; init; } = 0.5f;

    /// <summary>Probability of dropping each feature id of an example in a training step (regularises towards many weak cues). Default 0.2.</summary>
    public float FeatureDropout { get; init; } = 0.2f;

    /// <summary>Probability of training on a random head of an example instead of all of it, so short prompts are seen. Default 0.2.</summary>
    public float PrefixProbability { get; init; } = 0.2f;

    /// <summary>Mass of the target spread over the other labels (calibration). Default 0.05.</summary>
    public float LabelSmoothing { get; init; } = 0.05f;

    /// <summary>Seed of every random choice; a fixed seed gives identical weights. Default 20241123.</summary>
    public int Seed { get; init; } = 20241123;
}
