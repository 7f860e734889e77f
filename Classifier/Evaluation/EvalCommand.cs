using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Evaluation;

/// <summary>
/// <c>eval --data &lt;datasets dir&gt; [--models &lt;dir&gt;] [--split test] [--precision int8|fp32]</c>: runs the committed ONNX models (through ONNX
/// Runtime, as the service does) on a split, prints the report and stores it in each model's metadata. With
/// <c>--holdout</c> it also retrains each model's recipe on train.jsonl alone and scores extra.jsonl (see <see cref="Holdout"/>).
/// </summary>
internal static class EvalCommand
{
    public static int Run(CommandLine args)
    {
        var data = args.Require("data");
        var models = args.Get("models") ?? Path.Combine(AppContext.BaseDirectory, "Models");
        var tasks = args.Get("tasks")?.Split(',') ?? TaskDefinition.All.Select(t => t.Name).ToArray();
        var precision = args.Get("precision") is { } named ? Enum.Parse<EncoderPrecision>(named, ignoreCase: true) : (EncoderPrecision?)null;
        Evaluate(data, models, tasks, Console.Out, args.Get("split") ?? "test", precision);
        if (args.Has("holdout"))
        {
            RunHoldout(data, models, tasks);
        }
        return 0;
    }

    /// <summary>
    /// <c>holdout --data &lt;dir&gt; [--models &lt;dir&gt;] [--encoder minilm|arcticxs|minilm+arcticxs|arcticxs-l3|all|none] [--precision fp32|int8]
    /// [--target-fpr 0.01] [--report file.md]</c>: only the train.jsonl-only → extra.jsonl measurement, for fastText, each encoder
    /// head and each cascade; the guard's thresholds at the given false-positive budget (default the product's 1 %).
    /// </summary>
    public static int RunHoldout(CommandLine args)
    {
        var models = args.Get("models") ?? Path.Combine(AppContext.BaseDirectory, "Models");
        RunHoldout(args.Require("data"), models, args.Get("tasks")?.Split(',') ?? TaskDefinition.All.Select(t => t.Name).ToArray(), args);
        return 0;
    }

    /// <summary>Retrains each recipe (fastText's from its metadata) on train.jsonl alone, scores extra.jsonl, stores the overall reports.</summary>
    private static void RunHoldout(string data, string models, IEnumerable<string> tasks, CommandLine? args = null)
    {
        // One head per encoder; "a+b" is one head on both encoders' embeddings side by side.
        var encoders = args?.Get("encoder") switch
        {
            null or "all" => PretrainedEncoder.All.Select(e => new[] { e }).ToArray(),
            "none" => [],
            var name => [name.Split('+').Select(PretrainedEncoder.Find).ToArray()],
        };
        var cache = new EmbeddingCache(args?.Get("cache") ?? EmbeddingCache.DefaultDirectory(data), args?.Int("threads") ?? 1, Console.Out);
        var markdown = new System.Text.StringBuilder();
        foreach (var name in tasks)
        {
            var task = TaskDefinition.Find(name);
            var path = Path.Combine(models, task.Name + ".json");
            var metadata = ModelMetadata.Load(path);
            var settings = new TaskTrainingSettings { Hashing = metadata.Hashing, Training = metadata.Training, Folds = 3 };
            settings = settings with { TargetFalsePositiveRate = args?.Float("target-fpr") ?? settings.TargetFalsePositiveRate };
            var headOptions = args is null ? task.HeadDefaults : TaskTrainingSettings.HeadFromCommandLine(args, task.HeadDefaults);
            Console.WriteLine($"[{task.Name}] holdout: trained on train.jsonl only, scored on extra.jsonl");
            var precision = args?.Get("precision") is { } named ? Enum.Parse<EncoderPrecision>(named, ignoreCase: true) : EncoderPrecision.Fp32;
            var result = Holdout.Run(task, data, settings, headOptions, encoders, cache, Console.Out, precision);
            var table = result.ToMarkdown();
            Console.WriteLine(table);
            markdown.AppendLine(table);
            // Re-read: an eval may have updated the file meanwhile.
            metadata = ModelMetadata.Load(path);
            var all = Enumerable.Range(0, result.Rows.Count).ToArray();
            foreach (var variant in result.Variants)
            {
                var split = variant.Name == "fasttext" ? "holdout_extra" : "holdout_extra:" + variant.Name;
                metadata.Metrics[split] = result.Report(variant, split, all);
            }
            metadata.Save(path);
        }
        if (args?.Get("report") is { } report)
        {
            File.WriteAllText(report, markdown.ToString());
        }
    }

    public static int Evaluate(string dataDirectory, string modelsDirectory, IEnumerable<string> tasks, TextWriter log, string split = "test", EncoderPrecision? precision = null)
    {
        foreach (var name in tasks)
        {
            var task = TaskDefinition.Find(name);
            var metadataPath = Path.Combine(modelsDirectory, task.Name + ".json");
            var metadata = ModelMetadata.Load(metadataPath);
            using var classifier = new FastTextOnnxClassifier(Path.Combine(modelsDirectory, task.Name + ".onnx"), metadata);
            var rows = LabelledText.ReadJsonLines(Path.Combine(dataDirectory, task.DataFolder, split + ".jsonl"));
            var report = Evaluate(classifier, rows, split);
            log.WriteLine($"[{task.Name}] {metadata.Version}");
            log.Write(report.Format(metadata.Labels));
            metadata.Metrics[split] = report;
            metadata.Save(metadataPath);
            if (File.Exists(EncoderHeadMetadata.PathFor(modelsDirectory, task.Name)))
            {
                EvaluateCascade(modelsDirectory, task, rows, split, log, precision);
            }
        }
        return 0;
    }

    /// <summary>The cascade and the encoder head alone on the split, stored in the head's metadata.</summary>
    private static void EvaluateCascade(string modelsDirectory, TaskDefinition task, IReadOnlyList<LabelledText> rows, string split, TextWriter log,
        EncoderPrecision? precision)
    {
        using var cascade = new CascadeEvaluation(modelsDirectory, task.Name, precision);
        var (cascaded, share) = cascade.Cascade(rows, split + ":cascade");
        var report = cascaded with { EscalationShare = Math.Round(share, 4) };
        log.WriteLine($"[{task.Name}] cascade → {cascade.Head.Version}: escalated {share:P1}");
        log.Write(report.Format(cascade.Head.Labels));
        var alone = cascade.EncoderAlone(rows, split + ":encoder");
        log.Write(alone.Format(cascade.Head.Labels));
        var path = EncoderHeadMetadata.PathFor(modelsDirectory, task.Name);
        var metadata = EncoderHeadMetadata.Load(path);
        metadata.Metrics[report.Split] = report;
        metadata.Metrics[alone.Split] = alone;
        metadata.Save(path);
    }

    /// <summary>Scores <paramref name="rows"/> with the classifier's own labels and threshold.</summary>
    public static EvaluationReport Evaluate(ITextClassifier classifier, IReadOnlyList<LabelledText> rows, string split)
    {
        var description = classifier.Description;
        var labels = description.Labels;
        var classes = labels.Count;
        var truth = new int[rows.Count];
        var predicted = new int[rows.Count];
        const int batchSize = 128;
        var probabilities = new float[batchSize * classes];
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, rows.Count - start);
            var texts = new string[count];
            for (var i = 0; i < count; i++)
            {
                texts[i] = rows[start + i].Text;
            }
            classifier.Classify(texts, probabilities);
            for (var i = 0; i < count; i++)
            {
                var label = rows[start + i].Label;
                truth[start + i] = labels.ToList().IndexOf(label) is var index and >= 0
                    ? index
                    : throw new InvalidDataException($"Label '{label}' is not one the model knows.");
                predicted[start + i] = LabelDecision.Decide(probabilities.AsSpan(i * classes, classes), description.PositiveIndex, description.Threshold);
            }
        }
        return EvaluationReport.Create(split, labels, truth, predicted,
            description.PositiveIndex >= 0 ? description.PositiveIndex : null, description.Threshold);
    }
}
