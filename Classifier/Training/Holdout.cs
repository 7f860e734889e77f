using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Featurization;
using HybridInference.Classifier.Inference;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Honest generalisation numbers: every variant (the fastText model, an encoder head per encoder or concatenation of
/// encoders, the cascade of the two, their blend and, for the guard, the either-stage rule) trained, and its
/// thresholds cross-validated, on <c>train.jsonl</c> only, then scored on all of <c>extra.jsonl</c>, whose rows come
/// from other sources and styles; overall, per source, per style and per language.
/// </summary>
internal static class Holdout
{
    private const int MinimumSliceRows = 10;

    public static HoldoutResult Run(TaskDefinition task, string dataDirectory, TaskTrainingSettings settings, HeadTrainingOptions headOptions,
        IReadOnlyList<PretrainedEncoder[]> encoders, EmbeddingCache cache, TextWriter log, EncoderPrecision precision = EncoderPrecision.Fp32)
    {
        settings = task.Adjust(settings);
        var folder = Path.Combine(dataDirectory, task.DataFolder);
        // train.jsonl and the bare code derived from it: what the committed models learn, less extra.jsonl.
        var trainFiles = new[] { Path.Combine(folder, "train.jsonl"), BareCodeAugmentation.Refresh(folder) }.OfType<string>().ToArray();
        var extraFile = Path.Combine(folder, "extra.jsonl");
        var train = trainFiles.SelectMany(LabelledText.ReadJsonLines).ToList();
        var extra = LabelledText.ReadJsonLines(extraFile);
        var labels = train.Concat(extra).Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var positive = task.PositiveLabel is null ? -1 : Array.IndexOf(labels, task.PositiveLabel);
        var trainTruth = Labels(train, labels);
        var truth = Labels(extra, labels);
        var calibration = train.Select(_ => true).ToArray();

        // fastText: cross-validated on train.jsonl (temperature, threshold, and the out-of-fold answers the cascade is fitted on).
        var featurizer = new TextFeaturizer(settings.Hashing);
        float[][] fastTextOof = [];
        var fit = TrainCommand.Fit(TrainCommand.Featurize(featurizer, train), trainTruth, labels, positive, calibration, settings, TextWriter.Null,
            (oof, temperature) => fastTextOof = oof.Select(l => TrainCommand.Probabilities(l, temperature)).ToArray());
        var extraFeatures = TrainCommand.Featurize(featurizer, extra);
        var fastText = new float[extra.Count][];
        var logits = new float[labels.Length];
        for (var i = 0; i < extra.Count; i++)
        {
            CrossValidation.Forward(fit.Model, settings.Hashing, extraFeatures[i], logits);
            fastText[i] = new float[labels.Length];
            FastTextModel.Softmax(logits, fastText[i]);
        }
        var variants = new List<HoldoutVariant> { new("fasttext", Decide(fastText, positive, fit.Threshold), null, fit.Threshold) };
        log.WriteLine($"[{task.Name}] fasttext trained on train.jsonl, threshold {fit.Threshold}");

        foreach (var parts in encoders)
        {
            var name = string.Join("+", parts.Select(e => e.Name)) + (precision == EncoderPrecision.Int8 ? "-int8" : "");
            var dimensions = parts.Sum(e => e.Dimensions);
            var trainEmbeddings = Embed(parts, cache, trainFiles, precision);
            var extraEmbeddings = Embed(parts, cache, [extraFile], precision);
            var head = HeadFit.Fit(trainEmbeddings, dimensions, trainTruth, labels, positive, calibration, headOptions,
                settings.Folds, settings.TargetFalsePositiveRate, $"{task.Name}/{name}", log);
            var headLogits = head.Model.Logits(extraEmbeddings, Enumerable.Range(0, extra.Count).ToArray());
            var encoded = headLogits.Select(l => TrainCommand.Probabilities(l, 1)).ToArray();
            variants.Add(new HoldoutVariant(name, Decide(encoded, positive, head.Threshold), null, head.Threshold));

            var cascade = CascadeFit.Fit(fastTextOof, fit.Threshold, head.OutOfFold, head.Threshold, trainTruth, positive, settings.TargetFalsePositiveRate);
            log.WriteLine($"[{task.Name}] cascade fasttext → {name}: {cascade.Policy} (cross-validated on train.jsonl: quality {cascade.Quality:F4}, "
                + $"fpr {cascade.FalsePositiveRate:F4}, escalates {cascade.EscalationShare:P1})");
            var scored = CascadeFit.Score(cascade.Policy, fastText, fit.Threshold, encoded, head.Threshold, truth, positive);
            variants.Add(new HoldoutVariant("cascade:" + name, scored.Predicted, scored.Escalated, null));

            // Both stages on every text, probabilities averaged with a weight (and guard threshold) cross-validated on train.jsonl.
            var (weight, blendThreshold) = Blend.Fit(fastTextOof, head.OutOfFold, trainTruth, positive, settings.TargetFalsePositiveRate);
            log.WriteLine($"[{task.Name}] blend fasttext × {weight:F1} + {name} × {1 - weight:F1}, threshold {blendThreshold}");
            variants.Add(new HoldoutVariant("blend:" + name, Decide(Blend.Mix(fastText, encoded, weight), positive, blendThreshold), null, blendThreshold));
            if (positive >= 0)
            {
                var either = EitherStage.Fit(fastTextOof, head.OutOfFold, trainTruth, positive, settings.TargetFalsePositiveRate);
                log.WriteLine($"[{task.Name}] either fasttext ≥ {either.FastText} or {name} ≥ {either.Encoder}");
                variants.Add(new HoldoutVariant("either:" + name, EitherStage.Decide(fastText, encoded, positive, either), null, null));
            }
        }
        return new HoldoutResult(task, labels, positive, extra, truth, variants);
    }

    /// <summary>
    /// The rows of <paramref name="files"/>, in order, embedded by each encoder of <paramref name="parts"/> and
    /// concatenated per row (<c>rows × Σ dimensions</c>); one encoder gives its own.
    /// </summary>
    private static float[] Embed(PretrainedEncoder[] parts, EmbeddingCache cache, string[] files, EncoderPrecision precision)
    {
        var rowsPerFile = files.Select(LabelledText.ReadJsonLines).ToArray();
        var rowCount = rowsPerFile.Sum(r => r.Count);
        var each = parts.Select(encoder =>
        {
            using var session = EmbedCommand.Open(encoder, new TokenWindow(), precision);
            return files.Zip(rowsPerFile).SelectMany(f => cache.Get(session, f.First, f.Second)).ToArray();
        }).ToArray();
        if (each.Length == 1)
        {
            return each[0];
        }
        var width = parts.Sum(e => e.Dimensions);
        var joined = new float[rowCount * width];
        for (var i = 0; i < rowCount; i++)
        {
            var offset = i * width;
            for (var p = 0; p < parts.Length; p++)
            {
                each[p].AsSpan(i * parts[p].Dimensions, parts[p].Dimensions).CopyTo(joined.AsSpan(offset));
                offset += parts[p].Dimensions;
            }
        }
        return joined;
    }

    private static int[] Decide(float[][] probabilities, int positive, double? threshold) =>
        probabilities.Select(p => LabelDecision.Decide(p, positive, threshold)).ToArray();

    private static int[] Labels(IReadOnlyList<LabelledText> rows, string[] labels) => rows.Select(r => Array.IndexOf(labels, r.Label)).ToArray();

    /// <summary>The rows of each slice: all, per source, per style, per detected language (slices under 10 rows left out).</summary>
    public static List<(string Slice, int[] Rows)> Slices(IReadOnlyList<LabelledText> rows)
    {
        var languages = rows.Select(r => LanguageGuess.Detect(r.Text)).ToArray();
        var slices = new List<(string, int[])> { ("all", Enumerable.Range(0, rows.Count).ToArray()) };
        void Add(string prefix, Func<int, IEnumerable<string>> keys)
        {
            foreach (var group in Enumerable.Range(0, rows.Count).SelectMany(i => keys(i).Select(k => (k, i))).GroupBy(p => p.k).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var members = group.Select(p => p.i).ToArray();
                if (members.Length >= MinimumSliceRows)
                {
                    slices.Add((prefix + group.Key, members));
                }
            }
        }
        Add("style: ", i => PromptStyle.Of(rows[i], languages[i]));
        Add("source: ", i => [rows[i].Source]);
        Add("language: ", i => [languages[i]]);
        return slices;
    }
}
