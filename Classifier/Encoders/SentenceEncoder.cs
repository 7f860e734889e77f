using System.Buffers;
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

    public SentenceEncoder(PretrainedEncoder encoder, TokenWindow window, SessionOptions? sessionOptions = null)
    {
        var (model, vocabulary) = encoder.ReadResources();
        _session = sessionOptions is null ? new InferenceSession(model) : new InferenceSession(model, sessionOptions);
        using var vocab = new MemoryStream(vocabulary);
        // Uncased vocabularies: lower-case and strip accents, as the models were trained.
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        Encoder = encoder;
        Window = window;
    }

    public PretrainedEncoder Encoder { get; }

    public TokenWindow Window { get; }

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
        var width = 1;
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i]);
            width = Math.Max(width, tokens[i].Length);
        }
        return Run(tokens, width);
    }

    private EncodedBatch Run(int[][] tokens, int width)
    {
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
    public void Embed(IReadOnlyList<string> texts, Span<float> embeddings) => MeanPooling.Pool(Run(texts), embeddings);

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}

/// <summary>The encoder's token states for a padded batch: <c>[batch, width, dimensions]</c> and the mask <c>[batch, width]</c>.</summary>
internal sealed record EncodedBatch(float[] States, long[] Mask, int Batch, int Width, int Dimensions);
