using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Diagnostics;
using OpenAI;
using OpenAI.Chat;

namespace HybridInference.LoadTest;

/// <summary>Runs one target at one concurrency: that many workers send streamed chat requests until the level's count is used up.</summary>
internal sealed class LevelRunner(LoadTarget target, LoadTestOptions options)
{
    private readonly ChatClient _client = new(target.Model, new ApiKeyCredential(target.ApiKey), new OpenAIClientOptions
    {
        Endpoint = target.Endpoint,
        // A retried request would hide the error and count twice.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = TimeSpan.FromMinutes(2),
    });

    /// <summary>A few requests outside any level, so connections and JIT are warm before concurrency 1 is measured.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 4; i++)
        {
            await SendAsync(cancellationToken);
        }
    }

    public async Task<LevelResult> RunAsync(int concurrency, CancellationToken cancellationToken)
    {
        var total = Math.Max(options.MinRequests, concurrency * options.RequestsPerWorker);
        var remaining = total;
        var samples = new ConcurrentBag<RequestSample>();
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        await using (new ProgressBar($"{target.Label} c={concurrency}", total, () => (samples.Count, Volatile.Read(ref errors))))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var sample = await SendAsync(cancellationToken);
                    if (!sample.Succeeded)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    samples.Add(sample);
                }
            }));
        }
        return LevelResult.From(target.Label, concurrency, [.. samples], Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<RequestSample> SendAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        double firstToken = double.NaN;
        int prompt = 0, completion = 0, chunks = 0;
        try
        {
            await foreach (var update in _client.CompleteChatStreamingAsync(
                [new UserChatMessage(options.Prompt)], new ChatCompletionOptions { MaxOutputTokenCount = options.MaxTokens }, cancellationToken))
            {
                if (update.ContentUpdate.Count > 0)
                {
                    chunks++;
                    if (double.IsNaN(firstToken))
                    {
                        firstToken = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                }
                if (update.Usage is { } usage)
                {
                    (prompt, completion) = (usage.InputTokenCount, usage.OutputTokenCount);
                }
            }
        }
        catch (Exception ex) when (ex is ClientResultException or HttpRequestException or IOException)
        {
            var error = ex is ClientResultException { Status: > 0 } http ? $"HTTP {http.Status}" : ex.GetType().Name;
            return new RequestSample(false, double.NaN, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 0, error);
        }
        // Without a usage chunk (a server that ignores stream_options), each content chunk counts as one token.
        return new RequestSample(!double.IsNaN(firstToken), firstToken, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            prompt, completion > 0 ? completion : chunks, double.IsNaN(firstToken) ? "no content streamed" : null);
    }
}
