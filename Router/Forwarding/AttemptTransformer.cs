using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using HybridInference.Router.Requests;
using HybridInference.Router.Routing;
using HybridInference.Router.Targets;

using Yarp.ReverseProxy.Forwarder;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Shapes one attempt for YARP's forwarder: a fresh request carrying only what the backend needs (the rewritten body,
/// the backend's own API key, never the client's), and on the way back either the response with the Router's
/// headers and an observing body, or (for 5xx and 429) nothing at all, so the next target can be tried. One instance
/// per attempt; what happened is read once, as an <see cref="AttemptOutcome"/>, and the caller folds it into the exchange.
/// </summary>
internal sealed class AttemptTransformer : HttpTransformer
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ProxyExchange _exchange;
    private readonly Attempt _attempt;
    private readonly int _bodyLength;
    private readonly ResponseFacts _facts;
    private readonly Action? _keepWhole;
    private long _sentAt;
    private int _rejectedStatus;
    private bool _proxied;

    /// <summary>Points the forwarder call at <paramref name="attempt"/>, with <paramref name="body"/> as the request body.</summary>
    /// <param name="keepWhole">Called once when a 200 answer has come back whole (the response cache keeps it), or null.</param>
    public AttemptTransformer(HttpContext context, ProxyExchange exchange, Attempt attempt, ReadOnlyMemory<byte> body, ResponseFacts facts, Action? keepWhole)
    {
        _keepWhole = keepWhole;
        _exchange = exchange;
        _attempt = attempt;
        _bodyLength = body.Length;
        _facts = facts;
        // The forwarder copies the incoming body; each attempt replays the (rewritten) bytes read once up front.
        var segment = MemoryMarshal.TryGetArray(body, out var array) ? array : new ArraySegment<byte>(body.ToArray());
        context.Request.Body = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        context.Request.ContentLength = body.Length;
    }

    /// <summary>What the attempt came to, given the forwarder's result.</summary>
    public AttemptOutcome Outcome(ForwarderError error) => new(_proxied, _rejectedStatus, error, _facts, _sentAt);

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, httpContext.Request.Path, QueryString.Empty);
        // YARP streams the (replaced) HttpContext.Request.Body; only the content headers are the Router's to set.
        if (proxyRequest.Content is { } content)
        {
            content.Headers.ContentType = Json;
            content.Headers.ContentLength = _bodyLength;
        }
        proxyRequest.Headers.TryAddWithoutValidation("Accept", _exchange.Body.Stream ? "text/event-stream" : "application/json");
        if (_attempt.Backend.ApiKey is { } apiKey)
        {
            proxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        proxyRequest.Headers.TryAddWithoutValidation("x-request-id", _exchange.RequestId);
        _sentAt = Stopwatch.GetTimestamp();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return false;
        }
        var status = (int)proxyResponse.StatusCode;
        if (status >= 500 || status == StatusCodes.Status429TooManyRequests)
        {
            _rejectedStatus = status;
            return false;
        }
        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        WriteRouterHeaders(headers, _exchange, _attempt, _exchange.OverheadMsUntil(_sentAt));
        var eventStream = proxyResponse.Content.Headers.ContentType?.MediaType == "text/event-stream";
        var upstream = await proxyResponse.Content.ReadAsStreamAsync(cancellationToken);
        proxyResponse.Content = new ObservedContent(new ObservedResponseStream(upstream, _facts, eventStream, _exchange.Api,
            status == StatusCodes.Status200OK ? _keepWhole : null, proxyResponse.Content.Headers.ContentLength));
        if (eventStream)
        {
            // Proxies in front must not buffer the stream.
            headers.CacheControl = "no-cache";
            headers["X-Accel-Buffering"] = "no";
        }
        _proxied = true;
        return true;
    }

    private static void WriteRouterHeaders(IHeaderDictionary headers, ProxyExchange exchange, Attempt attempt, double overheadMs)
    {
        headers["x-request-id"] = exchange.RequestId;
        headers["x-hybrid-model"] = attempt.Model.Id;
        headers["x-hybrid-backend"] = attempt.Backend.Name;
        if (exchange.Plan.Category is { } category)
        {
            headers["x-hybrid-category"] = category;
        }
        if (exchange.Plan.Flagged)
        {
            headers["x-hybrid-flagged"] = "jailbreak";
        }
        if (exchange.CacheKey is not null)
        {
            headers["x-hybrid-cache"] = "miss";
        }
        if (exchange.Plan.Guard == GuardVerdict.Unchecked)
        {
            headers["x-hybrid-guard"] = "unchecked";
        }
        headers["x-hybrid-overhead-ms"] = overheadMs.ToString("0.###", CultureInfo.InvariantCulture);
        exchange.Limits?.WriteHeaders(headers);
    }
}

/// <summary>What one attempt came to.</summary>
/// <param name="Proxied">The response (status, headers, body) went to the client.</param>
/// <param name="RejectedStatus">The upstream status when the response was held back as a failure (5xx, 429), else 0.</param>
/// <param name="Error">The forwarder's result.</param>
/// <param name="Facts">What the Router learned from the response on its way through.</param>
/// <param name="SentAt">Stopwatch timestamp when the request went upstream, or 0 when it never did.</param>
internal readonly record struct AttemptOutcome(bool Proxied, int RejectedStatus, ForwarderError Error, ResponseFacts Facts, long SentAt);
