using HybridInference.Classifier.Onnx;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Training;

public sealed class HeadTrainerTests
{
    private const int Dim = 8;

    // Two noisy clusters: label = sign of the first coordinate.
    private static (float[] Embeddings, int[] Labels) Data()
    {
        var random = new Random(3);
        var embeddings = new float[200 * Dim];
        var labels = new int[200];
        for (var i = 0; i < 200; i++)
        {
            labels[i] = i % 2;
            for (var k = 0; k < Dim; k++)
            {
                embeddings[i * Dim + k] = (float)(random.NextDouble() - 0.5) + (k == 0 ? (labels[i] == 1 ? 1f : -1f) : 0f);
            }
        }
        return (embeddings, labels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Same_seed_and_data_give_the_same_exported_bytes(int hidden)
    {
        var (embeddings, labels) = Data();
        var options = new HeadTrainingOptions { Hidden = hidden, Epochs = 5 };
        var rows = Enumerable.Range(0, labels.Length).ToArray();
        var first = new HeadTrainer(options).Train(embeddings, Dim, labels, 2, rows);
        var second = new HeadTrainer(options).Train(embeddings, Dim, labels, 2, rows);
        var metadata = new Dictionary<string, string>();
        Assert.Equal(EncoderHeadOnnxExporter.Export(first, metadata), EncoderHeadOnnxExporter.Export(second, metadata));
        var other = new HeadTrainer(options with { Seed = 7 }).Train(embeddings, Dim, labels, 2, rows);
        Assert.NotEqual(first.OutputWeights, other.OutputWeights);
    }

    [Fact]
    public void Training_separates_the_classes_and_reports_every_epoch()
    {
        var (embeddings, labels) = Data();
        var epochs = new List<(int Epoch, double Loss, double Accuracy)>();
        var train = Enumerable.Range(0, 150).ToArray();
        var held = Enumerable.Range(150, 50).ToArray();
        var model = new HeadTrainer(new HeadTrainingOptions { Epochs = 10 })
            .Train(embeddings, Dim, labels, 2, train, held, (epoch, loss, accuracy) => epochs.Add((epoch, loss, accuracy)));
        Assert.Equal(Enumerable.Range(1, 10), epochs.Select(e => e.Epoch));
        Assert.True(epochs[^1].Loss < epochs[0].Loss, $"loss {epochs[0].Loss} → {epochs[^1].Loss}");
        Assert.True(epochs[^1].Accuracy >= 0.9, $"held-out accuracy {epochs[^1].Accuracy}");
        Assert.Equal(epochs[^1].Accuracy, HeadTrainer.Accuracy(model, embeddings, labels, held));
    }

    [Fact]
    public void Balanced_classes_lift_the_rare_label_and_leave_balanced_data_as_it_was()
    {
        var (embeddings, labels) = Data();
        // Keep one in five of label 1: 100 rows of label 0, 20 of label 1.
        var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == 0 || i % 10 == 1).ToArray();
        var options = new HeadTrainingOptions { Epochs = 5 };
        var plain = new HeadTrainer(options).Train(embeddings, Dim, labels, 2, rows);
        var balanced = new HeadTrainer(options with { BalanceClasses = true }).Train(embeddings, Dim, labels, 2, rows);
        // The rare label's bias ends higher when its rows weigh five times as much.
        Assert.True(balanced.OutputBias[1] - balanced.OutputBias[0] > plain.OutputBias[1] - plain.OutputBias[0]);
        // With both labels equally frequent every weight is 1: the same weights as without the option.
        var all = Enumerable.Range(0, labels.Length).ToArray();
        Assert.Equal(new HeadTrainer(options).Train(embeddings, Dim, labels, 2, all).OutputWeights,
            new HeadTrainer(options with { BalanceClasses = true }).Train(embeddings, Dim, labels, 2, all).OutputWeights);
    }
}
