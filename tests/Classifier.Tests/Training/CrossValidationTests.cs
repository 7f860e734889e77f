using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Training;

public sealed class CrossValidationTests
{
    [Fact]
    public void Threshold_keeps_false_positives_within_the_target()
    {
        // 200 negatives scored 0.000..0.199 and a few high ones; 1 % allows two false positives.
        var scores = Enumerable.Range(0, 200).Select(i => i / 1000.0).Concat([0.95, 0.97, 0.99]).ToList();
        var positive = scores.Select(_ => false).ToList();
        scores.AddRange([0.5, 0.9, 0.99]);
        positive.AddRange([true, true, true]);

        var threshold = CrossValidation.PickThreshold(scores, positive, 0.01);

        var negatives = scores.Where((_, i) => !positive[i]).ToList();
        var flagged = negatives.Count(s => s >= threshold);
        Assert.True(flagged <= 0.01 * negatives.Count, $"{flagged} negatives flagged at {threshold}");
        Assert.True(threshold > 0.95 && threshold <= 0.97, $"threshold {threshold}");
    }

    [Fact]
    public void Threshold_is_strictly_above_the_first_excess_negative()
    {
        var threshold = CrossValidation.PickThreshold([0.1234, 0.2, 0.9], [false, false, true], 0.0);
        Assert.True(threshold > 0.2);
        Assert.True(threshold <= 0.9);
    }

    [Fact]
    public void Temperature_softens_overconfident_logits()
    {
        // Confident logits that are wrong a third of the time call for a temperature above 1.
        var logits = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < 300; i++)
        {
            logits.Add([8f, -8f]);
            labels.Add(i % 3 == 0 ? 1 : 0);
        }
        Assert.True(CrossValidation.FitTemperature(logits, labels) > 4);
    }

    [Fact]
    public void Decision_uses_the_threshold_for_the_positive_label_and_argmax_otherwise()
    {
        Assert.Equal(1, LabelDecision.Decide([0.7f, 0.3f], positive: 1, threshold: 0.25));
        Assert.Equal(0, LabelDecision.Decide([0.3f, 0.7f], positive: 1, threshold: 0.75));
        Assert.Equal(2, LabelDecision.Decide([0.2f, 0.3f, 0.5f], positive: -1, threshold: null));
    }

    [Fact]
    public void Training_a_slice_writes_model_and_metadata_with_a_threshold()
    {
        var output = Directory.CreateTempSubdirectory("classifier-train-").FullName;
        try
        {
            var metadata = TrainCommand.TrainTask(TaskDefinition.Guard, TestData.DatasetsDirectory, output, TrainingSlice.Settings, TextWriter.Null);
            Assert.True(File.Exists(Path.Combine(output, "guard.onnx")));
            Assert.Equal(["benign", "jailbreak"], metadata.Labels);
            Assert.NotNull(metadata.Threshold);
            Assert.Contains("cross_validation", metadata.Metrics.Keys);
            var reloaded = ModelMetadata.Load(Path.Combine(output, "guard.json"));
            Assert.Equal(metadata.Version, reloaded.Version);
            Assert.Equal(metadata.Hashing, reloaded.Hashing);
            Assert.Equal(64, reloaded.DataDigest.Length);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
