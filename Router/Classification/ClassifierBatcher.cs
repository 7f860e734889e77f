using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Classification;
using HybridInference.Router.Requests;
using HybridInference.Router.Configuration;

namespace HybridInference.Router.Classification;

/// <summary>
/// Coalesces concurrent Classifier calls: a prompt goes out at once while fewer than <see cref="MaxCallsInFlight"/> calls
/// are under way, otherwise it waits for the next call, which carries every prompt queued meanwhile in one
/// <c>POST /v1/classify</c>. A lone request pays no wait; under load one HTTP exchange serves many requests, which the
/// Classifier batches again through its model.
/// </summary>
internal sealed class ClassifierBatcher(IHttpClientFactory httpClients)
{
    private const int MaxCallsInFlight = 1;
    private const int MaxTextsPerCall = 256;

    private readonly Lock _lock = new();
    private readonly Queue<Pending> _queue = new();
    private int _callsInFlight;

    /// <summary>Prompts waiting for the next call (for tests and diagnostics).</summary>
    public int Queued
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The Classifier's results for <paramref name="texts"/>, in order; faults when the call fails.</summary>
    public Task<ClassifyResult[]> ClassifyAsync(string[] texts, TimeSpan timeout)
    {
        var pending = new Pending(texts, timeout);
        lock (_lock)
        {
            _queue.Enqueue(pending);
            if (_callsInFlight == MaxCallsInFlight)
            {
                return pending.Answer.Task;
            }
            _callsInFlight++;
        }
        _ = CallAsync();
        return pending.Answer.Task;
    }

    // Takes what is queued, calls, answers each caller, then carries on while more is queued.
    private async Task CallAsync()
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            try
            {
                var results = await SendAsync(batch);
                var offset = 0;
                foreach (var pending in batch)
                {
                    pending.Answer.TrySetResult(results[offset..(offset + pending.Texts.Length)]);
                    offset += pending.Texts.Length;
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Answer.TrySetException(ex);
                }
            }
        }
    }

    private List<Pending>? TakeBatch()
    {
        lock (_lock)
        {
            if (_queue.Count == 0)
            {
                _callsInFlight--;
                return null;
            }
            var batch = new List<Pending>();
            var texts = 0;
            while (_queue.TryPeek(out var next) && (batch.Count == 0 || texts + next.Texts.Length <= MaxTextsPerCall))
            {
                batch.Add(_queue.Dequeue());
                texts += next.Texts.Length;
            }
            return batch;
        }
    }

    private async Task<ClassifyResult[]> SendAsync(List<Pending> batch)
    {
        var texts = batch.SelectMany(p => p.Texts).ToArray();
        // The call may outlive a caller that gave up: its answer still fills the cache for the next one.
        using var deadline = new CancellationTokenSource(batch.Max(p => p.Timeout));
        var request = new ClassifyRequest(JsonSerializer.SerializeToElement(texts, RouterJsonContext.Default.StringArray), ClassifierTasks.All);
        using var response = await httpClients.CreateClient(ControlEndpoints.ClassifierClient)
            .PostAsJsonAsync("http://classifier/v1/classify", request, RouterJsonContext.Default.ClassifyRequest, deadline.Token);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync(RouterJsonContext.Default.ClassifyResponse, deadline.Token);
        if (answer is null || answer.Results.Count != texts.Length)
        {
            throw new InvalidDataException($"the Classifier answered {answer?.Results.Count ?? 0} results for {texts.Length} texts");
        }
        return [.. answer.Results];
    }

    private sealed record Pending(string[] Texts, TimeSpan Timeout)
    {
        public TaskCompletionSource<ClassifyResult[]> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
