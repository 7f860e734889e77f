using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Inference;

public sealed class CascadePolicyTests
{
    [Fact]
    public void Domain_escalates_below_the_confidence_and_not_at_it()
    {
        var policy = new CascadePolicy(MinConfidence: 0.8);
        Assert.True(policy.Escalates([0.79f, 0.11f, 0.10f], positive: -1));
        Assert.False(policy.Escalates([0.10f, 0.80f, 0.10f], positive: -1));
        Assert.False(policy.Escalates([0.05f, 0.05f, 0.90f], positive: -1));
    }

    [Fact]
    public void Guard_escalates_inside_the_band_only()
    {
        var policy = new CascadePolicy(BandLow: 0.1, BandHigh: 0.4);
        Assert.False(policy.Escalates([0.91f, 0.09f], positive: 1));
        Assert.True(policy.Escalates([0.9f, 0.1f], positive: 1));
        Assert.True(policy.Escalates([0.61f, 0.39f], positive: 1));
        Assert.False(policy.Escalates([0.6f, 0.4f], positive: 1));
    }

    [Fact]
    public void Fit_escalates_only_where_the_encoder_is_right_and_fasttext_is_not()
    {
        // fastText is sure and right on rows 0-7, unsure and wrong on 8-9; the encoder is right on 8-9 only.
        var fastText = new List<float[]>();
        var encoder = new List<float[]>();
        var truth = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var sure = i < 8;
            truth.Add(0);
            fastText.Add(sure ? [0.95f, 0.03f, 0.02f] : [0.40f, 0.45f, 0.15f]);
            encoder.Add(sure ? [0.2f, 0.7f, 0.1f] : [0.8f, 0.1f, 0.1f]);
        }
        var choice = CascadeFit.Fit(fastText, null, encoder, null, truth, positive: -1, targetFalsePositiveRate: 0.01);
        Assert.Equal(1.0, choice.Accuracy);
        Assert.Equal(0.2, choice.EscalationShare, 6);
        Assert.InRange(choice.Policy.MinConfidence, 0.45, 0.95);
        Assert.Equal([false, false, false, false, false, false, false, false, true, true], choice.Escalated);
    }

    [Fact]
    public void Guard_fit_keeps_the_false_positive_budget()
    {
        // Benign rows scored 0.3 by fastText (flagged at its 0.25 threshold); the encoder clears them.
        var fastText = new List<float[]>();
        var encoder = new List<float[]>();
        var truth = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            var jailbreak = i < 20;
            truth.Add(jailbreak ? 1 : 0);
            fastText.Add(jailbreak ? [0.1f, 0.9f] : i < 30 ? [0.7f, 0.3f] : [0.99f, 0.01f]);
            encoder.Add(jailbreak ? [0.2f, 0.8f] : [0.9f, 0.1f]);
        }
        var choice = CascadeFit.Fit(fastText, 0.25, encoder, 0.5, truth, positive: 1, targetFalsePositiveRate: 0.01);
        Assert.True(choice.FalsePositiveRate <= 0.01, $"fpr {choice.FalsePositiveRate}");
        Assert.Equal(1.0, choice.Quality);
        Assert.True(choice.Policy.Escalates([0.7f, 0.3f], 1));
        Assert.False(choice.Policy.Escalates([0.99f, 0.01f], 1));
    }
}
