using HybridInference.Classifier.Featurization;

namespace HybridInference.Classifier.Tests.Featurization;

public sealed class TextFeaturizerTests
{
    private readonly TextFeaturizer _featurizer = new(new FeatureHashing());

    [Fact]
    public void Same_text_gives_the_same_ids_and_weights_every_time()
    {
        const string text = "Write a Python function that returns the n-th Fibonacci number. Écris-la en français!";
        var first = _featurizer.Featurize(text);
        var second = new TextFeaturizer(new FeatureHashing()).Featurize(text);
        Assert.Equal(first.Ids, second.Ids);
        Assert.Equal(first.Weights, second.Weights);
        Assert.NotEmpty(first.Ids);
    }

    [Fact]
    public void Ids_are_fixed_across_builds_and_machines()
    {
        // Pins the hash function: a change here silently breaks every committed model.
        var features = _featurizer.Featurize("Hello world");
        Assert.Equal([173972, 108246, 106519, 118696, 144529], features.Ids[..5]);
    }

    [Fact]
    public void Case_and_compatibility_forms_do_not_change_features()
    {
        var plain = _featurizer.Featurize("abc def 123");
        Assert.Equal(plain.Ids, _featurizer.Featurize("ABC Def 123").Ids);
        // Full-width letters and digits are NFKC-equivalent to ASCII.
        Assert.Equal(plain.Ids, _featurizer.Featurize("ＡＢＣ ｄｅｆ １２３").Ids);
    }

    [Fact]
    public void Words_weigh_more_than_character_ngrams()
    {
        var features = _featurizer.Featurize("tokenization");
        Assert.Equal(1f, features.Weights[0]);
        Assert.All(features.Weights[1..], w => Assert.Equal(new FeatureHashing().CharWeight, w));
    }

    [Fact]
    public void Long_input_is_cut_at_the_configured_length()
    {
        var hashing = new FeatureHashing { MaxChars = 20 };
        var featurizer = new TextFeaturizer(hashing);
        var head = "aaaa bbbb cccc dddd ";
        Assert.Equal(featurizer.Featurize(head).Ids, featurizer.Featurize(head + "eeee ffff gggg").Ids);
    }

    [Fact]
    public void Feature_count_never_exceeds_the_cap()
    {
        var featurizer = new TextFeaturizer(new FeatureHashing { MaxFeatures = 50 });
        var features = featurizer.Featurize(string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 200)));
        Assert.Equal(50, features.Ids.Length);
    }

    [Fact]
    public void Empty_and_whitespace_text_have_no_features()
    {
        Assert.Empty(_featurizer.Featurize("").Ids);
        Assert.Empty(_featurizer.Featurize(" \n\t ").Ids);
    }

    [Fact]
    public void Normalisation_scales_weights_to_the_configured_norm()
    {
        float[] mean = [1f, 1f, 0.5f, 0.5f];
        new FeatureHashing { Normalization = FeatureHashing.MeanNormalization }.Normalize(mean);
        Assert.Equal(1f, mean.Sum(), 5);
        float[] sqrt = [1f, 1f, 1f, 1f];
        new FeatureHashing { Normalization = FeatureHashing.SqrtNormalization }.Normalize(sqrt);
        Assert.All(sqrt, w => Assert.Equal(0.5f, w, 5));
    }
}
