using System.Buffers;
using HybridInference.Classifier.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Encoders;

/// <summary>
/// A pretrained BERT-family encoder in our own <see cref="InferenceSession"/>: WordPiece ids (head + tail of long
/// texts, see <see cref="TokenWindow"/>), one padded batch per call, <c>last_hidden_state</c> out. Safe for
/// concurrent use (ONNX Runtime sessions are).
/// </summary>
internal sealed class SentenceEncoder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string HiddenState = "last_hidden_state";
    private static readonly string[] InputNames = [InputIds, AttentionMask, TokenTypeIds];
    private static readonly string[] OutputNames = [HiddenState];
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly BertTokenizer _tokenizer;

    public SentenceEncoder(PretrainedEncoder encoder, TokenWindow window, SessionOptions? sessionOptions = null, EncoderPrecision precision = EncoderPrecision.Fp32)
    {
        var (model, vocabulary) = encoder.ReadResources();
        if (precision == EncoderPrecision.Int8)
        {
            model = EncoderQuantizer.Quantize(model).Model;
        }
        _session = sessionOptions is null ? new InferenceSession(model) : new InferenceSession(model, sessionOptions);
        using var vocab = new MemoryStream(vocabulary);
        // Uncased vocabularies: lower-case and strip accents, as the models were trained.
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        Encoder = encoder;
        Window = window;
        Precision = precision;
    }

    public PretrainedEncoder Encoder { get; }

    public TokenWindow Window { get; }

    public EncoderPrecision Precision { get; }

    public int Dimensions => Encoder.Dimensions;

    /// <summary>The ids the encoder sees for <paramref name="text"/>: <c>[CLS]</c>, the kept word pieces, <c>[SEP]</c>.</summary>
    public int[] Tokenize(string text)
    {
        var pieces = _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        return Window.Apply(pieces, _tokenizer.ClassificationTokenId, _tokenizer.SeparatorTokenId);
    }

    /// <summary>Token states of a batch, padded to its longest text.</summary>
    public EncodedBatch Run(IReadOnlyList<string> texts)
    {
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i]);
        }
        return Run(tokens);
    }

    /// <summary>
    /// Token states of a batch in runs of similar length, each with the positions (in <paramref name="texts"/>) of its
    /// rows: texts sorted by token count, a new run whenever padding to the longest would exceed a quarter of the run's
    /// tokens. Padding a whole batch of real prompts to its longest made one long text pad fifteen short ones: most of the work was padding.
    /// </summary>
    public List<(EncodedBatch Batch, int[] Rows)> RunByLength(IReadOnlyList<string> texts)
    {
        var tokens = new int[texts.Count][];
        var order = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i]);
            order[i] = i;
        }
        // Stable (ties keep their order), so a batch always splits the same way.
        order = [.. order.OrderBy(i => tokens[i].Length)];
        var runs = new List<(EncodedBatch, int[])>();
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            var sum = tokens[order[start]].Length;
            while (end < order.Length && (end - start + 1) * tokens[order[end]].Length * 4 <= (sum + tokens[order[end]].Length) * 5)
            {
                sum += tokens[order[end]].Length;
                end++;
            }
            var rows = order[start..end];
            runs.Add((Run([.. rows.Select(r => tokens[r])]), rows));
            start = end;
        }
        return runs;
    }

    private EncodedBatch Run(int[][] tokens)
    {
        var width = 1;
        foreach (var text in tokens)
        {
            width = Math.Max(width, text.Length);
        }
        var batch = tokens.Length;
        var size = batch * width;
        var ids = ArrayPool<long>.Shared.Rent(size);
        var types = ArrayPool<long>.Shared.Rent(size);
        var mask = new long[size];
        try
        {
            Array.Fill(ids, _tokenizer.PaddingTokenId, 0, size);
            Array.Clear(types, 0, size);
            for (var i = 0; i < batch; i++)
            {
                for (var j = 0; j < tokens[i].Length; j++)
                {
                    ids[i * width + j] = tokens[i][j];
                    mask[i * width + j] = 1;
                }
            }
            long[] shape = [batch, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            using var outputs = _session.Run(_runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
            var states = outputs[0].GetTensorDataAsSpan<float>()[..(size * Dimensions)].ToArray();
            return new EncodedBatch(states, mask, batch, width, Dimensions);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    /// <summary>Mean-pooled, L2-normalised sentence embeddings, <c>texts × dimensions</c>.</summary>
    public void Embed(IReadOnlyList<string> texts, Span<float> embeddings)
    {
        foreach (var (batch, rows) in RunByLength(texts))
        {
            var pooled = new float[rows.Length * Dimensions];
            MeanPooling.Pool(batch, pooled);
            for (var i = 0; i < rows.Length; i++)
            {
                pooled.AsSpan(i * Dimensions, Dimensions).CopyTo(embeddings.Slice(rows[i] * Dimensions, Dimensions));
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}

/// <summary>The encoder's token states for a padded batch: <c>[batch, width, dimensions]</c> and the mask <c>[batch, width]</c>.</summary>
internal sealed record EncodedBatch(float[] States, long[] Mask, int Batch, int Width, int Dimensions);
