using Microsoft.ML.Tokenizers;

namespace HybridInference.Router.Metering;

/// <summary>Counts tokens (o200k_base) when a backend reports no usage, e.g. a stream that died mid-way.</summary>
internal sealed class TokenCounter
{
    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.Value.CountTokens(text);
}
