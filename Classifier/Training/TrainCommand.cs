using System.Diagnostics;
using System.Security.Cryptography;
using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Featurization;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Onnx;

namespace HybridInference.Classifier.Training;

/// <summary>
/// <c>train --data &lt;datasets dir&gt; --out &lt;models dir&gt; [--encoder arcticxs|minilm|none] [--heads domain,guard]</c>: trains
/// each task on <c>train.jsonl</c> + its derived bare code (<see cref="BareCodeAugmentation"/>) + <c>extra.jsonl</c>, fits temperature and threshold by cross-validation, exports ONNX +
/// metadata; for the tasks that cascade, also the encoder head and its cascade policy; then evaluates on <c>test.jsonl</c>.
/// </summary>
internal static class TrainCommand
{
    public static int Run(CommandLine args)
    {
        var data = args.Require("data");
        var output = args.Require("out");
        Directory.CreateDirectory(output);
        var tasks = args.Get("tasks")?.Split(',') ?? TaskDefinition.All.Select(t => t.Name).ToArray();
        var encoder = args.Get("encoder") is "none" ? null : PretrainedEncoder.Find(args.Get("encoder") ?? DefaultEncoder);
        var cache = new EmbeddingCache(args.Get("cache") ?? EmbeddingCache.DefaultDirectory(data), args.Int("threads") ?? 1, Console.Out);
        var clock = Stopwatch.StartNew();
        foreach (var name in tasks)
        {
            var task = TaskDefinition.Find(name);
            var settings = TaskTrainingSettings.FromCommandLine(args, task.Defaults);
            var cascades = args.Get("heads") is { } heads ? heads.Split(',').Contains(task.Name) : task.Cascades;
            (HeadTrainingOptions, PretrainedEncoder, EmbeddingCache)? head = encoder is null || !cascades ? null
                : (TaskTrainingSettings.HeadFromCommandLine(args, task.HeadDefaults), encoder, cache);
            TrainTask(task, data, output, settings, Console.Out, head);
        }
        Console.WriteLine($"Trained {string.Join(", ", tasks)} in {clock.Elapsed.TotalMinutes:F1} min");
        return EvalCommand.Evaluate(data, output, tasks, Console.Out);
    }

    /// <summary>The encoder the committed heads are trained on (see bench/Classifier/RESULTS.md for the comparison).</summary>
    public const string DefaultEncoder = "arcticxs";

    /// <summary>Trains, calibrates and exports one task; returns the metadata written beside the model.</summary>
    public static ModelMetadata TrainTask(TaskDefinition task, string dataDirectory, string outputDirectory, TaskTrainingSettings settings, TextWriter log,
        (HeadTrainingOptions Options, PretrainedEncoder Encoder, EmbeddingCache Cache)? head = null)
    {
        var clock = Stopwatch.StartNew();
        settings = task.Adjust(settings);
        var folder = Path.Combine(dataDirectory, task.DataFolder);
        if (!File.Exists(Path.Combine(folder, "train.jsonl")))
        {
            throw new FileNotFoundException($"No train.jsonl under {folder}.");
        }
        var files = new[] { Path.Combine(folder, "train.jsonl"), BareCodeAugmentation.Refresh(folder), Path.Combine(folder, "extra.jsonl") }
            .OfType<string>()
            .Where(File.Exists)
            .ToArray();
        var rows = LabelledText.ReadJsonLines(files[0]);
        // The guard threshold is set on the in-distribution rows (train.jsonl) only; the derived bare code and
        // extra.jsonl widen what is learnt.
        var calibrationRows = rows.Count;
        rows.AddRange(files.Skip(1).SelectMany(LabelledText.ReadJsonLines));
        if (settings.Limit is { } limit)
        {
            rows = rows.Take(limit).ToList();
        }
        var labels = rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var featurizer = new TextFeaturizer(settings.Hashing);
        var features = Featurize(featurizer, rows);
        var y = rows.Select(r => Array.IndexOf(labels, r.Label)).ToArray();
        log.WriteLine($"[{task.Name}] {rows.Count} rows, labels {string.Join(",", labels)}, featurised in {clock.ElapsedMilliseconds} ms");

        var positive = task.PositiveLabel is null ? -1 : Array.IndexOf(labels, task.PositiveLabel);
        var calibration = Enumerable.Range(0, rows.Count).Select(i => i < calibrationRows).ToArray();
        float[][] outOfFold = [];
        var fit = Fit(features, y, labels, positive, calibration, settings, log, (oof, t) =>
        {
            outOfFold = oof.Select(l => Probabilities(l, t)).ToArray();
            if (settings.OutOfFoldPath is { } oofPath)
            {
                WriteOutOfFold(oofPath, rows, labels, oof, t);
            }
        });
        log.WriteLine($"[{task.Name}] fitted in {clock.ElapsedMilliseconds} ms, temperature {fit.Temperature}");
        var (model, temperature, threshold, cvReport) = fit;
        var metadata = Export(task, model, labels, settings, temperature, threshold, files, outputDirectory);
        if (cvReport is not null)
        {
            metadata.Metrics[cvReport.Split] = cvReport;
            metadata.Save(Path.Combine(outputDirectory, task.Name + ".json"));
        }
        log.WriteLine($"[{task.Name}] trained and exported {metadata.Version} in {clock.ElapsedMilliseconds} ms");
        if (head is { } h && settings.Folds > 1 && settings.Limit is null)
        {
            var encoderHead = EncoderHeadTraining.Train(task, files, labels, y, calibrationRows, outOfFold, threshold, settings, h.Options, h.Encoder, h.Cache, outputDirectory, log);
            log.WriteLine($"[{task.Name}] trained and exported {encoderHead.Version} in {clock.ElapsedMilliseconds} ms");
        }
        return metadata;
    }

    /// <summary>
    /// Cross-validates (temperature; threshold on the <paramref name="calibration"/> rows) then trains the final model on every row, temperature folded in.
    /// </summary>
    public static FitResult Fit(Features[] features, int[] y, string[] labels, int positive, bool[] calibration, TaskTrainingSettings settings, TextWriter log,
        Action<float[][], double>? outOfFold = null)
    {
        var temperature = 1.0;
        double? threshold = null;
        EvaluationReport? cvReport = null;
        if (settings.Folds > 1)
        {
            var oof = CrossValidation.OutOfFoldLogits(features, y, labels.Length, settings.Hashing, settings.Training, settings.Folds, log);
            temperature = CrossValidation.FitTemperature(oof, y);
            outOfFold?.Invoke(oof, temperature);
            var probabilities = oof.Select(l => Probabilities(l, temperature)).ToArray();
            if (positive >= 0)
            {
                var rows = Enumerable.Range(0, y.Length).Where(i => calibration[i]).ToArray();
                threshold = CrossValidation.PickThreshold(
                    rows.Select(i => (double)probabilities[i][positive]).ToArray(), rows.Select(i => y[i] == positive).ToArray(), settings.TargetFalsePositiveRate);
            }
            var predicted = probabilities.Select(p => LabelDecision.Decide(p, positive, threshold)).ToArray();
            cvReport = EvaluationReport.Create("cross_validation", labels, y, predicted, positive >= 0 ? positive : null, threshold);
            log.Write(cvReport.Format(labels));
        }
        var model = new FastTextTrainer(settings.Training).Train(features, y, settings.Hashing, labels.Length,
            (epoch, loss) => log.WriteLine($"  fasttext final epoch {epoch,3}/{settings.Training.Epochs}: loss {loss:F4}"));
        model.ApplyTemperature((float)temperature);
        return new FitResult(model, temperature, threshold, cvReport);
    }

    /// <summary>Cross-validated probabilities per row (JSON lines), for error analysis.</summary>
    private static void WriteOutOfFold(string path, IReadOnlyList<LabelledText> rows, string[] labels, float[][] oof, double temperature)
    {
        using var writer = new StreamWriter(path);
        for (var i = 0; i < rows.Count; i++)
        {
            var p = Probabilities(oof[i], temperature);
            var scores = new Dictionary<string, double>();
            for (var c = 0; c < labels.Length; c++)
            {
                scores[labels[c]] = Math.Round(p[c], 5);
            }
            writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { rows[i].Label, rows[i].Source, Scores = scores, Text = rows[i].Text[..Math.Min(200, rows[i].Text.Length)] }));
        }
    }

    public static Features[] Featurize(TextFeaturizer featurizer, IReadOnlyList<LabelledText> rows)
    {
        var features = new Features[rows.Count];
        Parallel.For(0, rows.Count, i => features[i] = featurizer.Featurize(rows[i].Text));
        return features;
    }

    public static float[] Probabilities(float[] logits, double temperature)
    {
        var scaled = logits.Select(l => (float)(l / temperature)).ToArray();
        var p = new float[scaled.Length];
        FastTextModel.Softmax(scaled, p);
        return p;
    }

    private static ModelMetadata Export(TaskDefinition task, FastTextModel model, string[] labels, TaskTrainingSettings settings,
        double temperature, double? threshold, string[] files, string outputDirectory)
    {
        var onnx = FastTextOnnxExporter.Export(model, new Dictionary<string, string>
        {
            ["task"] = task.Name,
            ["labels"] = string.Join(",", labels),
        });
        var version = $"{task.Name}-{Convert.ToHexStringLower(SHA256.HashData(onnx))[..12]}";
        File.WriteAllBytes(Path.Combine(outputDirectory, task.Name + ".onnx"), onnx);
        var metadata = new ModelMetadata
        {
            Task = task.Name,
            Version = version,
            Labels = labels,
            Hashing = settings.Hashing,
            Dim = model.Dim,
            Hidden = model.Hidden,
            Temperature = temperature,
            PositiveLabel = task.PositiveLabel,
            Threshold = threshold,
            DataDigest = LabelledText.Digest(files),
            DataFiles = files.Select(f => Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(f)!)!, f)).ToArray(),
            Training = settings.Training,
        };
        metadata.Save(Path.Combine(outputDirectory, task.Name + ".json"));
        return metadata;
    }
}

/// <summary>A trained model with what cross-validation fitted for it.</summary>
internal sealed record FitResult(FastTextModel Model, double Temperature, double? Threshold, EvaluationReport? CrossValidation);
