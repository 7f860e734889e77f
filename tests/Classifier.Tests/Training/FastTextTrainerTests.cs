using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Training;

public sealed class FastTextTrainerTests
{
    [Fact]
    public void Same_seed_and_data_give_identical_weights()
    {
        var (features, labels, names) = TrainingSlice.Guard();
        var first = new FastTextTrainer(TrainingSlice.Options).Train(features, labels, TrainingSlice.Hashing, names.Length);
        var second = new FastTextTrainer(TrainingSlice.Options).Train(features, labels, TrainingSlice.Hashing, names.Length);
        Assert.Equal(first.Embedding, second.Embedding);
        Assert.Equal(first.OutputWeights, second.OutputWeights);
        Assert.Equal(first.OutputBias, second.OutputBias);
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        var (features, labels, names) = TrainingSlice.Guard();
        var first = new FastTextTrainer(TrainingSlice.Options).Train(features, labels, TrainingSlice.Hashing, names.Length);
        var other = new FastTextTrainer(TrainingSlice.Options with { Seed = 7 }).Train(features, labels, TrainingSlice.Hashing, names.Length);
        Assert.NotEqual(first.OutputWeights, other.OutputWeights);
    }

    [Fact]
    public void Training_fits_the_data_it_saw()
    {
        var (features, labels, names) = TrainingSlice.Guard();
        var model = new FastTextTrainer(TrainingSlice.Options with { Epochs = 8 }).Train(features, labels, TrainingSlice.Hashing, names.Length);
        var logits = new float[names.Length];
        var correct = 0;
        for (var i = 0; i < features.Length; i++)
        {
            CrossValidation.Forward(model, TrainingSlice.Hashing, features[i], logits);
            correct += (logits[labels[i]] >= logits.Max()) ? 1 : 0;
        }
        Assert.True(correct > 0.9 * features.Length, $"only {correct}/{features.Length} training rows fitted");
    }
}
