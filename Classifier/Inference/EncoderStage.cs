using System.Buffers;
using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Onnx;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// The cascade's second stage: one encoder run per batch of escalated texts, then every task's head (pooling + head
/// graph) on the same token states. Its rows are the heads' probabilities side by side, in <see cref="Heads"/> order, so
/// one <see cref="MicroBatcher"/> merges the escalations of concurrent requests.
/// </summary>
internal sealed class EncoderStage : ITextClassifier
{
    private static readonly string[] InputNames = [EncoderHeadOnnxExporter.StatesInput, EncoderHeadOnnxExporter.MaskInput];
    private static readonly string[] OutputNames = [EncoderHeadOnnxExporter.ProbabilitiesOutput];
    private readonly SentenceEncoder _encoder;
    private readonly InferenceSession[] _sessions;
    private readonly RunOptions _runOptions = new();

    public EncoderStage(SentenceEncoder encoder, IReadOnlyList<(EncoderHeadMetadata Metadata, string OnnxPath)> heads, SessionOptions sessionOptions)
    {
        _encoder = encoder;
        Heads = heads.Select(h => h.Metadata).ToArray();
        _sessions = heads.Select(h => new InferenceSession(h.OnnxPath, sessionOptions)).ToArray();
        var labels = Heads.SelectMany(h => h.Labels.Select(l => h.Task + ":" + l)).ToArray();
        Description = new ModelDescription("encoder", EncoderHeadMetadata.Kind, string.Join("+", Heads.Select(h => h.Version)), labels, null, null, null);
    }

    public IReadOnlyList<EncoderHeadMetadata> Heads { get; }

    public EncoderPrecision Precision => _encoder.Precision;

    public ModelDescription Description { get; }

    /// <summary>Column where <paramref name="task"/>'s probabilities start in a row, or -1 without a head for it.</summary>
    public int Offset(string task)
    {
        var offset = 0;
        foreach (var head in Heads)
        {
            if (head.Task == task)
            {
                return offset;
            }
            offset += head.Labels.Count;
        }
        return -1;
    }

    public void Classify(IReadOnlyList<string> texts, Span<float> probabilities)
    {
        foreach (var (batch, rows) in _encoder.RunByLength(texts))
        {
            Classify(batch, rows, probabilities);
        }
    }

    private void Classify(EncodedBatch batch, int[] rows, Span<float> probabilities)
    {
        var width = Description.Labels.Count;
        var size = batch.Batch * batch.Width;
        var mask = ArrayPool<float>.Shared.Rent(size);
        try
        {
            for (var i = 0; i < size; i++)
            {
                mask[i] = batch.Mask[i];
            }
            using var states = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.States.AsMemory(),
                [batch.Batch, batch.Width, batch.Dimensions]);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), [batch.Batch, batch.Width]);
            var offset = 0;
            for (var h = 0; h < _sessions.Length; h++)
            {
                var classes = Heads[h].Labels.Count;
                using var outputs = _sessions[h].Run(_runOptions, InputNames, [states, maskValue], OutputNames);
                var head = outputs[0].GetTensorDataAsSpan<float>();
                for (var i = 0; i < batch.Batch; i++)
                {
                    head.Slice(i * classes, classes).CopyTo(probabilities.Slice(rows[i] * width + offset, classes));
                }
                offset += classes;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(mask);
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }
        _encoder.Dispose();
        _runOptions.Dispose();
    }
}
