using Microsoft.ML.Tokenizers;

namespace HybridInference.Router.Metering;

/// <summary>
/// Counts tokens (o200k_base) when a backend reports no usage, e.g. a stream that died mid-way. The vocabulary (~50 MB
/// once built) is loaded on first need only, on a pool thread so that with inline I/O no socket thread waits on it;
/// a fabric whose backends all report usage never holds it.
/// </summary>
internal sealed class TokenCounter
{
    private readonly Lazy<Task<Tokenizer>> _tokenizer = new(() => Task.Run<Tokenizer>(() => TiktokenTokenizer.CreateForModel("gpt-4o")));

    public async ValueTask<int> CountAsync(string text) => text.Length == 0 ? 0 : (await _tokenizer.Value).CountTokens(text);
}
