using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Training;

public sealed class EitherStageTests
{
    [Fact]
    public void Thresholds_keep_the_union_within_the_budget_and_catch_what_each_stage_alone_misses()
    {
        // Label 1 is the positive. 100 negatives scored low by both stages, with two false alarms each stage alone;
        // positives that only fastText sees, and positives that only the head sees.
        var fastText = new List<float[]>();
        var encoder = new List<float[]>();
        var truth = new List<int>();
        void Add(float f, float e, int label)
        {
            fastText.Add([1 - f, f]);
            encoder.Add([1 - e, e]);
            truth.Add(label);
        }
        for (var i = 0; i < 100; i++)
        {
            Add(i / 1000f, (99 - i) / 1000f, 0);
        }
        Add(0.9f, 0.05f, 0);
        Add(0.05f, 0.9f, 0);
        for (var i = 0; i < 10; i++)
        {
            Add(0.8f, 0.01f, 1);
            Add(0.01f, 0.8f, 1);
        }

        var thresholds = EitherStage.Fit(fastText, encoder, truth, positive: 1, targetFalsePositiveRate: 0.02);
        var predicted = EitherStage.Decide(fastText, encoder, 1, thresholds);

        var negatives = Enumerable.Range(0, truth.Count).Where(i => truth[i] == 0).ToArray();
        Assert.True(negatives.Count(i => predicted[i] == 1) <= 0.02 * negatives.Length);
        Assert.All(Enumerable.Range(0, truth.Count).Where(i => truth[i] == 1), i => Assert.Equal(1, predicted[i]));
    }
}
