using System.Buffers;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// An operator-supplied BERT-family sequence classifier (e.g. a ModernBERT or MiniLM export): WordPiece tokens from
/// <c>vocab.txt</c> → <c>input_ids</c>, <c>attention_mask</c> and, when the graph has it, <c>token_type_ids</c>
/// (all int64 [batch, tokens]) → <c>logits</c> [batch, labels], softmaxed here.
/// </summary>
internal sealed class BertOnnxClassifier : ITextClassifier
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string Logits = "logits";
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;
    private readonly bool _hasTokenTypes;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames = [Logits];

    public BertOnnxClassifier(string task, TaskModelOptions options, string modelPath, SessionOptions? sessionOptions = null)
    {
        if (options.VocabPath is null)
        {
            throw new InvalidOperationException($"Classifier:Tasks:{task}:VocabPath is required for a {ModelKinds.Bert} model.");
        }
        if (options.Labels.Count < 2)
        {
            throw new InvalidOperationException($"Classifier:Tasks:{task}:Labels must name the model's labels in logit order.");
        }
        _session = sessionOptions is null ? new InferenceSession(modelPath) : new InferenceSession(modelPath, sessionOptions);
        _tokenizer = BertTokenizer.Create(options.VocabPath, new BertOptions { LowerCaseBeforeTokenization = options.LowerCase });
        _maxTokens = options.MaxTokens;
        _hasTokenTypes = _session.InputMetadata.ContainsKey(TokenTypeIds);
        _inputNames = _hasTokenTypes ? [InputIds, AttentionMask, TokenTypeIds] : [InputIds, AttentionMask];
        var version = options.Version ?? $"{task}-{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)))[..12]}";
        Description = new ModelDescription(task, ModelKinds.Bert, version, options.Labels, options.PositiveLabel,
            options.PositiveLabel is null ? null : options.Threshold, null);
    }

    public ModelDescription Description { get; }

    public void Classify(IReadOnlyList<string> texts, Span<float> probabilities)
    {
        var batch = texts.Count;
        var encoded = new IReadOnlyList<int>[batch];
        var width = 1;
        for (var i = 0; i < batch; i++)
        {
            encoded[i] = _tokenizer.EncodeToIds(texts[i], _maxTokens, addSpecialTokens: true, out _, out _);
            width = Math.Max(width, encoded[i].Count);
        }
        var size = batch * width;
        var ids = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var types = ArrayPool<long>.Shared.Rent(size);
        try
        {
            Array.Fill(ids, _tokenizer.PaddingTokenId, 0, size);
            Array.Clear(mask, 0, size);
            Array.Clear(types, 0, size);
            for (var i = 0; i < batch; i++)
            {
                var tokens = encoded[i];
                for (var j = 0; j < tokens.Count; j++)
                {
                    ids[i * width + j] = tokens[j];
                    mask[i * width + j] = 1;
                }
            }
            long[] shape = [batch, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            OrtValue[] inputs = _hasTokenTypes ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
            using var outputs = _session.Run(_runOptions, _inputNames, inputs, _outputNames);
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            var classes = Description.Labels.Count;
            for (var i = 0; i < batch; i++)
            {
                Training.FastTextModel.Softmax(logits.Slice(i * classes, classes), probabilities.Slice(i * classes, classes));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
