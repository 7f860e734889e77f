using Microsoft.ML.Tokenizers;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// Counts and splits text with a real tokenizer (tiktoken's o200k_base), so usage numbers are true counts of the
/// text sent and produced rather than guesses.
/// </summary>
internal sealed class TokenCounter
{
    // The vocabulary takes a noticeable moment to load and is immutable and thread-safe: load it once per process.
    private static readonly Lazy<TiktokenTokenizer> SharedTokenizer =
        new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TiktokenTokenizer _tokenizer = SharedTokenizer.Value;

    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Splits <paramref name="text"/> into its tokens' character ranges, appended to <paramref name="tokens"/>.</summary>
    public void Split(string text, List<Range> tokens)
    {
        if (text.Length == 0)
        {
            return;
        }
        var encoded = _tokenizer.EncodeToTokens(text, out _, considerPreTokenization: true, considerNormalization: false);
        for (var i = 0; i < encoded.Count; i++)
        {
            tokens.Add(encoded[i].Offset);
        }
    }
}
