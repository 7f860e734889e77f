using System.Diagnostics;
using HybridInference.Router.Caching;
using HybridInference.Router.Requests;
using HybridInference.Router.Configuration;
using HybridInference.Router.Observability;
using HybridInference.Router.Targets;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using HybridInference.Router.Routing;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Sends a request along its ordered targets with YARP's forwarder until one serves it: connect errors, timeouts,
/// 5xx and 429 before the first byte move on to the next target; a stream whose backend dies after the first byte is
/// continued elsewhere (<see cref="StreamContinuation"/>). Every outcome feeds the targets' circuit breakers.
/// </summary>
internal sealed partial class RequestForwarder(
    IHttpForwarder forwarder,
    UpstreamInvoker upstream,
    TargetSelector selector,
    StreamContinuation continuation,
    ResponseCache cache,
    RouterTelemetry telemetry,
    IOptions<RouterOptions> options,
    IOptions<TargetOptions> targets,
    ILogger<RequestForwarder> logger)
{
    private readonly ForwarderRequestConfig _requestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromSeconds(options.Value.UpstreamTimeoutSeconds),
    };
    private readonly int _failureThreshold = targets.Value.CircuitFailureThreshold;
    private readonly TimeSpan _openFor = TimeSpan.FromSeconds(targets.Value.CircuitOpenSeconds);

    public async Task ForwardAsync(HttpContext context, ProxyExchange exchange)
    {
        var attempts = selector.Plan(exchange.Plan.Candidates, exchange.Plan.LocalOnly);
        var timedOut = 0;
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            var backend = attempt.Backend;
            if (!backend.TryAdmit())
            {
                continue;
            }
            using var activity = RouterTelemetry.Source.StartActivity("forward");
            activity?.SetTag("hybrid.model", attempt.Model.Id);
            activity?.SetTag("hybrid.backend", backend.Name);
            activity?.SetTag("hybrid.attempt", i);
            var outcome = await SendAsync(context, exchange, attempt);
            var error = outcome.Error;
            // The one place an attempt's outcome becomes the exchange's: the last attempt is the one that served or failed.
            exchange.Served = attempt;
            exchange.Facts = outcome.Facts;
            exchange.SentAt = outcome.SentAt;

            if (outcome.Proxied)
            {
                exchange.Status = context.Response.StatusCode;
                exchange.Spillover = attempt.Spillover;
                if (attempt.Spillover)
                {
                    telemetry.Spillovers.Add(1, new KeyValuePair<string, object?>("model", attempt.Model.Id));
                }
                if (exchange.Facts.Broken && !context.RequestAborted.IsCancellationRequested)
                {
                    Fail(exchange, attempt, "stream ended early", activity);
                    Apply(exchange, await continuation.ContinueAsync(context, exchange, attempts, i + 1));
                }
                else if (error is ForwarderError.None or ForwarderError.ResponseBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.RequestBodyCanceled)
                {
                    backend.RecordSuccess();
                }
                else
                {
                    // Died mid-body where nothing could be continued: the forwarder has already aborted the response.
                    Fail(exchange, attempt, error.ToString(), activity);
                }
                return;
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                exchange.Status = 499;
                backend.RecordSuccess();
                return;
            }
            var reason = outcome.RejectedStatus > 0 ? $"HTTP {outcome.RejectedStatus}" : Describe(error);
            if (error == ForwarderError.RequestTimedOut)
            {
                timedOut++;
            }
            if (outcome.SentAt != 0)
            {
                exchange.FailedUpstreamTicks += Stopwatch.GetTimestamp() - outcome.SentAt;
            }
            Fail(exchange, attempt, reason, activity);
            exchange.FallbackCount++;
            telemetry.Fallbacks.Add(1, new KeyValuePair<string, object?>("backend", backend.Name), new KeyValuePair<string, object?>("reason", reason));
            if (context.Response.HasStarted)
            {
                return;
            }
            // The forwarder left a 502 and copied headers behind; the next attempt starts clean.
            context.Response.Clear();
        }

        await AnswerNoBackendAsync(context, exchange, attempts.Count, timedOut);
    }

    // A continuation's outcome becomes the exchange's here, as an attempt's does in ForwardAsync.
    private static void Apply(ProxyExchange exchange, ContinuationOutcome outcome)
    {
        exchange.Continued = outcome.Tried > 0;
        exchange.FallbackCount += outcome.Tried;
        exchange.ContinuedCompletionTokens = outcome.CountedTokens;
        exchange.PrefixLength = outcome.PrefixLength;
        if (outcome.Failures is { } failures)
        {
            exchange.Failures.AddRange(failures);
        }
        if (outcome.ContinuedOn is { } served)
        {
            exchange.Served = served;
        }
        if (outcome.ErrorEvent)
        {
            exchange.Status = StatusCodes.Status502BadGateway;
        }
    }

    private async Task<AttemptOutcome> SendAsync(HttpContext context, ProxyExchange exchange, Attempt attempt)
    {
        var cached = exchange.CacheKey is not null;
        var facts = new ResponseFacts { Capture = cached ? new ResponseCapture(exchange.CacheConfig.MaxEntryBytes) : null };
        var transformer = new AttemptTransformer(context, exchange, attempt, BodyFor(exchange, attempt), facts, cached ? KeepWhole(exchange, attempt, facts) : null);
        var backend = attempt.Backend;
        backend.BeginRequest();
        try
        {
            return transformer.Outcome(await forwarder.SendAsync(context, backend.BaseUrl, upstream.Invoker, _requestConfig, transformer));
        }
        finally
        {
            backend.EndRequest();
        }
    }

    // Its own method so that only cached requests pay for the closure.
    private Action KeepWhole(ProxyExchange exchange, Attempt attempt, ResponseFacts facts) => () => cache.Keep(exchange, attempt, facts);

    private static ReadOnlyMemory<byte> BodyFor(ProxyExchange exchange, Attempt attempt) =>
        BodyRewriter.ForUpstream(!attempt.Backend.IsLocal && exchange.Plan.RemoteBody is { } redacted ? redacted : exchange.Body, attempt.Target.UpstreamModel);

    private void Fail(ProxyExchange exchange, Attempt attempt, string reason, Activity? activity)
    {
        exchange.Failures.Add($"{attempt.Backend.Name} ({attempt.Model.Id}): {reason}");
        attempt.Backend.RecordFailure(reason, _failureThreshold, _openFor);
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        Log.AttemptFailed(logger, exchange.RequestId, attempt.Backend.Name, attempt.Model.Id, reason);
    }

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.Request => "connection failed",
        ForwarderError.RequestTimedOut => "timed out",
        _ => error.ToString(),
    };

    private static Task AnswerNoBackendAsync(HttpContext context, ProxyExchange exchange, int planned, int timedOut)
    {
        var requested = exchange.Body.Model;
        context.Response.Headers["x-request-id"] = exchange.RequestId;
        var localOnly = exchange.Plan.LocalOnly || AllLocal(exchange.Plan.Candidates);
        if (exchange.Failures.Count == 0)
        {
            exchange.Status = StatusCodes.Status503ServiceUnavailable;
            var why = localOnly && planned == 0
                ? $"it must stay on local backends and none is available ({DescribeLocal(exchange.Plan.Candidates)})"
                : "every backend serving it is unavailable (circuit open)";
            return OpenAiErrors.WriteAsync(context, Refusal.Unavailable($"No backend could serve '{requested}': {why}.", "no_backend_available"));
        }
        var tried = string.Join("; ", exchange.Failures);
        if (localOnly)
        {
            // Nothing remote may be asked, so this is the Router being unable to serve, not one upstream failing.
            exchange.Status = StatusCodes.Status503ServiceUnavailable;
            return OpenAiErrors.WriteAsync(context, Refusal.Unavailable(
                $"No local backend could serve '{requested}', and it must stay on local backends. Tried: {tried}.", "no_local_backend_available"));
        }
        var allTimedOut = timedOut == exchange.Failures.Count;
        exchange.Status = allTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
        return OpenAiErrors.WriteAsync(context, new Refusal(exchange.Status, $"No backend could serve '{requested}'. Tried: {tried}.",
            Contracts.OpenAi.OpenAiErrorTypes.Server, allTimedOut ? "upstream_timeout" : "upstream_failed"));
    }

    private static bool AllLocal(ModelEntry[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!candidate.LocalOnly)
            {
                return false;
            }
        }
        return true;
    }

    // Only on the refusal path: names each local target and why it was not tried.
    private static string DescribeLocal(ModelEntry[] candidates)
    {
        var parts = new List<string>();
        foreach (var candidate in candidates)
        {
            foreach (var target in candidate.Targets)
            {
                if (target.Backend.IsLocal)
                {
                    parts.Add($"{target.Backend.Name} ({candidate.Id}): circuit {target.Backend.Circuit.ToString().ToLowerInvariant()}");
                }
            }
        }
        return parts.Count == 0 ? "no local target is configured" : string.Join("; ", parts);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: {Backend} failed serving {Model}: {Reason}")]
        public static partial void AttemptFailed(ILogger logger, string requestId, string backend, string model, string reason);
    }
}
