using System.Buffers;
using HybridInference.Classifier.Featurization;
using HybridInference.Classifier.Onnx;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// The project's own fastText-style model under ONNX Runtime: texts are featurised in C# exactly as in training, padded
/// into one <c>ids</c>/<c>weights</c> batch, and run through one long-lived <see cref="InferenceSession"/>.
/// </summary>
internal sealed class FastTextOnnxClassifier : ITextClassifier
{
    private static readonly string[] InputNames = [FastTextOnnxExporter.IdsInput, FastTextOnnxExporter.WeightsInput];
    private static readonly string[] OutputNames = [FastTextOnnxExporter.ProbabilitiesOutput];
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly TextFeaturizer _featurizer;
    private readonly int _classes;

    public FastTextOnnxClassifier(string onnxPath, ModelMetadata metadata, SessionOptions? sessionOptions = null)
    {
        _session = sessionOptions is null ? new InferenceSession(onnxPath) : new InferenceSession(onnxPath, sessionOptions);
        _featurizer = new TextFeaturizer(metadata.Hashing);
        _classes = metadata.Labels.Count;
        Description = new ModelDescription(metadata.Task, metadata.Kind, metadata.Version, metadata.Labels,
            metadata.PositiveLabel, metadata.Threshold, metadata.Metrics);
    }

    public ModelDescription Description { get; }

    /// <summary>Loads <c>&lt;task&gt;.onnx</c> and <c>&lt;task&gt;.json</c> from a models folder.</summary>
    public static FastTextOnnxClassifier Load(string modelsDirectory, string task, SessionOptions? sessionOptions = null) =>
        new(Path.Combine(modelsDirectory, task + ".onnx"), ModelMetadata.Load(Path.Combine(modelsDirectory, task + ".json")), sessionOptions);

    public void Classify(IReadOnlyList<string> texts, Span<float> probabilities)
    {
        var batch = texts.Count;
        var maxFeatures = _featurizer.Hashing.MaxFeatures;
        var scratchIds = ArrayPool<int>.Shared.Rent(batch * maxFeatures);
        var scratchWeights = ArrayPool<float>.Shared.Rent(batch * maxFeatures);
        var counts = ArrayPool<int>.Shared.Rent(batch);
        try
        {
            var width = 1;
            for (var i = 0; i < batch; i++)
            {
                var ids = scratchIds.AsSpan(i * maxFeatures, maxFeatures);
                var weights = scratchWeights.AsSpan(i * maxFeatures, maxFeatures);
                counts[i] = _featurizer.Featurize(texts[i].AsSpan(), ids, weights);
                _featurizer.Hashing.Normalize(weights[..counts[i]]);
                width = Math.Max(width, counts[i]);
            }
            Run(scratchIds, scratchWeights, counts, batch, maxFeatures, width, probabilities);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratchIds);
            ArrayPool<float>.Shared.Return(scratchWeights);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private void Run(int[] scratchIds, float[] scratchWeights, int[] counts, int batch, int stride, int width, Span<float> probabilities)
    {
        var size = batch * width;
        var ids = ArrayPool<long>.Shared.Rent(size);
        var weights = ArrayPool<float>.Shared.Rent(size);
        try
        {
            for (var i = 0; i < batch; i++)
            {
                var count = counts[i];
                var row = i * width;
                for (var j = 0; j < count; j++)
                {
                    ids[row + j] = scratchIds[i * stride + j];
                }
                scratchWeights.AsSpan(i * stride, count).CopyTo(weights.AsSpan(row, count));
                // Padding points at row 0 with weight 0, so it adds nothing to the average.
                Array.Clear(ids, row + count, width - count);
                Array.Clear(weights, row + count, width - count);
            }
            long[] shape = [batch, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using var weightsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, weights.AsMemory(0, size), shape);
            using var outputs = _session.Run(_runOptions, InputNames, [idsValue, weightsValue], OutputNames);
            outputs[0].GetTensorDataAsSpan<float>()[..(batch * _classes)].CopyTo(probabilities);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<float>.Shared.Return(weights);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
