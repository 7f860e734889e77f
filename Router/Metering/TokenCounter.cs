using Microsoft.ML.Tokenizers;

namespace HybridInference.Router.Metering;

/// <summary>
/// Counts tokens (o200k_base) when a backend reports no usage, e.g. a stream that died mid-way. The vocabulary is
/// built at start on a pool thread: with inline I/O the first request to need it would otherwise stall a socket thread.
/// </summary>
internal sealed class TokenCounter : BackgroundService
{
    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.Value.CountTokens(text);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => _tokenizer.Value, stoppingToken);
}
