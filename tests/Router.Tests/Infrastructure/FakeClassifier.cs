using System.Text.Json;
using System.Text.RegularExpressions;
using HybridInference.Contracts;
using HybridInference.Contracts.Classification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>
/// The Classifier's contract with obvious rules: "python" or "code" means coding, "ignore all previous instructions"
/// is a jailbreak, an e-mail address is personal data. Coding is decided by the fast stage (0.9), general by the
/// encoder (0.62). Can be made to hang.
/// </summary>
public sealed partial class FakeClassifier : IAsyncDisposable
{
    private readonly KestrelHost _host;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeClassifier(KestrelHost host) => _host = host;

    public string Url => _host.Url;

    /// <summary>When true, requests wait until the classifier is disposed.</summary>
    public volatile bool Hang;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _inputs = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string[]> _calls = new();
    private volatile TaskCompletionSource? _gate;

    /// <summary>Every call's inputs, in arrival order.</summary>
    public IReadOnlyCollection<string[]> Calls => _calls;

    /// <summary>Holds calls until <see cref="Open"/>, so a test can pile up concurrent requests behind them.</summary>
    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate?.TrySetResult();

    /// <summary>How many calls carried <paramref name="text"/> (the Router also warms up with a text of its own).</summary>
    public int CallsWith(string text) => _inputs.Count(input => input == text);

    public static async Task<FakeClassifier> StartAsync()
    {
        FakeClassifier? classifier = null;
        var host = await KestrelHost.StartAsync(app => app.MapPost("/v1/classify", (Func<HttpContext, Task<IResult>>)(context => classifier!.ClassifyAsync(context))));
        classifier = new FakeClassifier(host);
        return classifier;
    }

    private async Task<IResult> ClassifyAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync<ClassifyRequest>(context.Request.Body, ContractJson.Options);
        foreach (var input in request!.Input.EnumerateArray())
        {
            _inputs.Enqueue(input.GetString()!);
        }
        _calls.Enqueue([.. request.Input.EnumerateArray().Select(i => i.GetString()!)]);
        if (_gate is { } gate)
        {
            await gate.Task;
        }
        if (Hang)
        {
            await _release.Task;
        }
        var results = new List<ClassifyResult>();
        foreach (var input in request!.Input.EnumerateArray())
        {
            var text = input.GetString()!;
            var coding = text.Contains("python", StringComparison.OrdinalIgnoreCase) || text.Contains("code", StringComparison.OrdinalIgnoreCase);
            var jailbreak = text.Contains("ignore all previous instructions", StringComparison.OrdinalIgnoreCase);
            // Labelled a jailbreak at the model's calibrated threshold, with a probability below 0.5.
            var borderline = text.Contains("pretend you have no rules", StringComparison.OrdinalIgnoreCase);
            var pii = new List<PiiSpan>();
            foreach (Match match in Email().Matches(text))
            {
                pii.Add(new PiiSpan("email", match.Index, match.Index + match.Length));
            }
            results.Add(new ClassifyResult(
                coding ? new LabelScore("coding", 0.9, Stage: ClassifierStages.FastText) : new LabelScore("general", 0.62, Stage: ClassifierStages.Encoder),
                new LabelScore(jailbreak || borderline ? "jailbreak" : "benign", jailbreak ? 0.97 : borderline ? 0.46 : 0.99),
                pii));
        }
        return Results.Json(new ClassifyResponse(results, new Dictionary<string, string> { ["domain"] = "test" }), ContractJson.Options);
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Email();

    private int _stopped;

    /// <summary>Stops the server: from here on the Router's calls are refused, as with a classifier that went down.</summary>
    public async Task StopAsync()
    {
        _release.TrySetResult();
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
