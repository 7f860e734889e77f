using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using HybridInference.Contracts.Classification;
using HybridInference.Router.Configuration;
using HybridInference.Router.Observability;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Classification;

/// <summary>
/// Asks the Classifier (<c>POST /v1/classify</c>, calls coalesced by <see cref="ClassifierBatcher"/>) about a prompt
/// within the configured timeout, caching answers by a hash of the prompt. Returns null when the Classifier is absent,
/// failing or slow.
/// </summary>
internal sealed partial class ClassifierClient(
    ClassifierBatcher batcher,
    ControlEndpoints endpoints,
    RouterTelemetry telemetry,
    IOptions<RouterOptions> options,
    ILogger<ClassifierClient> logger)
{
    private readonly ConcurrentDictionary<ulong, Classification> _cache = new();
    private int _cached;

    public async ValueTask<Classification?> ClassifyAsync(PromptTexts prompt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (prompt.Texts.Length == 0)
        {
            return new Classification(null, 0, false, []);
        }
        var hash = Hash(prompt.Texts);
        if (_cache.TryGetValue(hash, out var cached))
        {
            telemetry.ClassifierCacheHits.Add(1);
            return cached;
        }
        if (!endpoints.HasClassifier)
        {
            return null;
        }
        using var activity = RouterTelemetry.Source.StartActivity("classify");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var results = await batcher.ClassifyAsync(prompt.Texts, timeout).WaitAsync(timeout, cancellationToken);
            telemetry.ClassifierDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var result = Reduce(prompt, results);
            // ConcurrentDictionary.Count takes every lock of the table: keep a count of our own instead.
            if (_cache.TryAdd(hash, result) && Interlocked.Increment(ref _cached) > options.Value.ClassificationCacheEntries)
            {
                _cache.Clear();
                Interlocked.Exchange(ref _cached, 0);
            }
            activity?.SetTag("hybrid.category", result.Domain);
            return result;
        }
        catch (Exception ex) when (ex is TimeoutException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Fail("timed out", activity);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidDataException)
        {
            return Fail(ex.Message, activity);
        }
    }

    private Classification? Fail(string reason, Activity? activity)
    {
        telemetry.ClassifierFallbacks.Add(1);
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        Log.ClassifierFailed(logger, reason);
        return null;
    }

    private static Classification Reduce(PromptTexts prompt, ClassifyResult[] results)
    {
        var jailbreak = 0.0;
        var labelled = false;
        var pii = new IReadOnlyList<PiiSpan>?[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            if (prompt.Roles[i] == "user" && results[i].Guard is { } guard)
            {
                jailbreak = Math.Max(jailbreak, JailbreakProbability(guard));
                labelled |= guard.Label == "jailbreak";
            }
            pii[i] = results[i].Pii;
        }
        var domain = results[prompt.DomainIndex].Domain;
        return new Classification(domain?.Label, jailbreak, labelled, pii) { DomainScore = domain?.Score, DomainStage = domain?.Stage };
    }

    private static double JailbreakProbability(LabelScore guard) =>
        guard.Scores is { } scores && scores.TryGetValue("jailbreak", out var p) ? p
        : guard.Label == "jailbreak" ? guard.Score : 1 - guard.Score;

    private static ulong Hash(string[] texts)
    {
        var hash = new XxHash64();
        foreach (var text in texts)
        {
            hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
            hash.Append([0, 0]);
        }
        return hash.GetCurrentHashAsUInt64();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Classifier unavailable (auto takes the default route, guarded requests follow on_classifier_unavailable): {Reason}")]
        public static partial void ClassifierFailed(ILogger logger, string reason);
    }
}
