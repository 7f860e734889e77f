using System.Buffers;
using HybridInference.Classifier.Featurization;
using HybridInference.Classifier.Onnx;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// The project's own fastText-style model under ONNX Runtime: texts are featurised in C# exactly as in training,
/// concatenated into one flat batch (ids, weights, segments, lengths) and run through one long-lived
/// <see cref="InferenceSession"/>.
/// </summary>
internal sealed class FastTextOnnxClassifier : ITextClassifier
{
    private static readonly string[] InputNames =
        [FastTextOnnxExporter.IdsInput, FastTextOnnxExporter.WeightsInput, FastTextOnnxExporter.SegmentsInput, FastTextOnnxExporter.LengthsInput];
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
        var capacity = batch * _featurizer.Hashing.MaxFeatures;
        var ids = ArrayPool<int>.Shared.Rent(capacity);
        var weights = ArrayPool<float>.Shared.Rent(capacity);
        var lengths = ArrayPool<long>.Shared.Rent(batch);
        try
        {
            var total = 0;
            for (var i = 0; i < batch; i++)
            {
                var count = _featurizer.Featurize(texts[i].AsSpan(), ids.AsSpan(total), weights.AsSpan(total));
                _featurizer.Hashing.Normalize(weights.AsSpan(total, count));
                lengths[i] = count;
                total += count;
            }
            Run(ids, weights, lengths, batch, total, probabilities);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            ArrayPool<float>.Shared.Return(weights);
            ArrayPool<long>.Shared.Return(lengths);
        }
    }

    private void Run(int[] featureIds, float[] weights, long[] lengths, int batch, int total, Span<float> probabilities)
    {
        // A batch of empty texts still needs one (weightless) id: zero-sized tensors are not worth the edge cases.
        var n = Math.Max(total, 1);
        if (total == 0)
        {
            featureIds[0] = 0;
            weights[0] = 0f;
        }
        var ids = ArrayPool<long>.Shared.Rent(n);
        var segments = ArrayPool<long>.Shared.Rent(n);
        try
        {
            var position = 0;
            for (var i = 0; i < batch; i++)
            {
                var end = position + (int)lengths[i];
                for (; position < end; position++)
                {
                    ids[position] = featureIds[position];
                    segments[position] = i;
                }
            }
            if (total == 0)
            {
                ids[0] = 0;
                segments[0] = 0;
            }
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, n), [n]);
            using var weightsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, weights.AsMemory(0, n), [n]);
            using var segmentsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, segments.AsMemory(0, n), [n]);
            using var lengthsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, lengths.AsMemory(0, batch), [batch]);
            using var outputs = _session.Run(_runOptions, InputNames, [idsValue, weightsValue, segmentsValue, lengthsValue], OutputNames);
            outputs[0].GetTensorDataAsSpan<float>()[..(batch * _classes)].CopyTo(probabilities);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(segments);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
