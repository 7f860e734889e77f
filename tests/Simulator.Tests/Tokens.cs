using Microsoft.ML.Tokenizers;

namespace HybridInference.Simulator.Tests;

/// <summary>The reference tokenizer, loaded here independently of the Simulator's own wrapper.</summary>
internal static class Tokens
{
    private static readonly Lazy<TiktokenTokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => Tokenizer.Value.CountTokens(text);
}
