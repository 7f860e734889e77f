using System.Security.Cryptography;
using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Onnx;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Trains a task's encoder head on the same rows as its fastText model (train.jsonl, its derived bare code, extra.jsonl), fits the cascade
/// policy on the train.jsonl rows' out-of-fold answers of both stages, and exports <c>&lt;task&gt;.encoder.onnx</c> + <c>.json</c>.
/// </summary>
internal static class EncoderHeadTraining
{
    public static EncoderHeadMetadata Train(TaskDefinition task, string[] files, string[] labels, int[] y, int calibrationRows,
        float[][] fastTextOutOfFold, double? fastTextThreshold, TaskTrainingSettings settings, HeadTrainingOptions options,
        PretrainedEncoder encoder, EmbeddingCache cache, string outputDirectory, TextWriter log)
    {
        var window = new TokenWindow();
        using var session = EmbedCommand.Open(encoder, window);
        var embeddings = files.SelectMany(f => cache.Get(session, f, LabelledText.ReadJsonLines(f))).ToArray();
        if (embeddings.Length != y.Length * encoder.Dimensions)
        {
            throw new InvalidDataException($"{embeddings.Length / encoder.Dimensions} embeddings for {y.Length} rows.");
        }
        var positive = task.PositiveLabel is null ? -1 : Array.IndexOf(labels, task.PositiveLabel);
        var calibration = Enumerable.Range(0, y.Length).Select(i => i < calibrationRows).ToArray();
        var fit = HeadFit.Fit(embeddings, encoder.Dimensions, y, labels, positive, calibration, options, settings.Folds,
            settings.TargetFalsePositiveRate, $"{task.Name}/{encoder.Name}", log);
        log.Write(fit.CrossValidation.Format(labels));

        var rows = Enumerable.Range(0, calibrationRows).ToArray();
        var cascade = CascadeFit.Fit(rows.Select(i => fastTextOutOfFold[i]).ToArray(), fastTextThreshold, rows.Select(i => fit.OutOfFold[i]).ToArray(),
            fit.Threshold, rows.Select(i => y[i]).ToArray(), positive, settings.TargetFalsePositiveRate);
        log.WriteLine($"[{task.Name}] cascade {cascade.Policy}: cross-validated on train.jsonl {cascade.Quality:F4} "
            + $"(fpr {cascade.FalsePositiveRate:F4}), escalates {cascade.EscalationShare:P1}");

        var onnx = EncoderHeadOnnxExporter.Export(fit.Model, new Dictionary<string, string>
        {
            ["task"] = task.Name,
            ["encoder"] = encoder.Name,
            ["labels"] = string.Join(",", labels),
        });
        var version = $"{task.Name}-{encoder.Name}-{Convert.ToHexStringLower(SHA256.HashData(onnx))[..12]}";
        var metadataPath = EncoderHeadMetadata.PathFor(outputDirectory, task.Name);
        File.WriteAllBytes(Path.ChangeExtension(metadataPath, ".onnx"), onnx);
        var metadata = new EncoderHeadMetadata
        {
            Task = task.Name,
            Version = version,
            Encoder = encoder.Name,
            Window = window,
            Labels = labels,
            Hidden = fit.Model.Hidden,
            Temperature = fit.Temperature,
            PositiveLabel = task.PositiveLabel,
            Threshold = fit.Threshold,
            Cascade = cascade.Policy,
            DataDigest = LabelledText.Digest(files),
            DataFiles = files.Select(f => Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(f)!)!, f)).ToArray(),
            Training = options,
            Metrics = { [fit.CrossValidation.Split] = fit.CrossValidation },
        };
        metadata.Save(metadataPath);
        return metadata;
    }
}
