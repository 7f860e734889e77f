using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using HybridInference.Router.Requests;
using HybridInference.Router.Targets;

using Yarp.ReverseProxy.Forwarder;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Shapes one attempt for YARP's forwarder: a fresh request carrying only what the backend needs (the rewritten body,
/// the backend's own API key, never the client's), and on the way back either the response with the Router's
/// headers and an observing body, or (for 5xx and 429) nothing at all, so the next target can be tried.
/// </summary>
internal sealed class ExchangeTransformer(ProxyExchange exchange) : HttpTransformer
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEvents = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private Attempt _attempt;
    private ReadOnlyMemory<byte> _body;

    /// <summary>Whether the response (status, headers, body) went to the client.</summary>
    public bool Proxied { get; private set; }

    /// <summary>The upstream status when the response was held back as a failure, else 0.</summary>
    public int RejectedStatus { get; private set; }

    /// <summary>Points the next forwarder call at <paramref name="attempt"/>, with <paramref name="body"/> as the request body.</summary>
    public void Prepare(HttpContext context, Attempt attempt, ReadOnlyMemory<byte> body)
    {
        _attempt = attempt;
        _body = body;
        // The forwarder copies the incoming body; each attempt replays the (rewritten) bytes read once up front.
        var segment = MemoryMarshal.TryGetArray(body, out var array) ? array : new ArraySegment<byte>(body.ToArray());
        context.Request.Body = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        context.Request.ContentLength = body.Length;
        Proxied = false;
        RejectedStatus = 0;
    }

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, httpContext.Request.Path, QueryString.Empty);
        // YARP streams the (replaced) HttpContext.Request.Body; only the content headers are the Router's to set.
        if (proxyRequest.Content is { } content)
        {
            content.Headers.ContentType = Json;
            content.Headers.ContentLength = _body.Length;
        }
        proxyRequest.Headers.Accept.Add(exchange.Body.Stream ? AcceptEvents : AcceptJson);
        if (_attempt.Backend.ApiKey is { } apiKey)
        {
            proxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        proxyRequest.Headers.TryAddWithoutValidation("x-request-id", exchange.RequestId);
        exchange.SentAt = Stopwatch.GetTimestamp();
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
            RejectedStatus = status;
            return false;
        }
        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        WriteRouterHeaders(headers, exchange, _attempt);
        var eventStream = proxyResponse.Content.Headers.ContentType?.MediaType == "text/event-stream";
        var upstream = await proxyResponse.Content.ReadAsStreamAsync(cancellationToken);
        proxyResponse.Content = new ObservedContent(new ObservedResponseStream(upstream, exchange.Facts, eventStream, exchange.Api));
        if (eventStream)
        {
            // Proxies in front must not buffer the stream.
            headers.CacheControl = "no-cache";
            headers["X-Accel-Buffering"] = "no";
        }
        Proxied = true;
        return true;
    }

    public static void WriteRouterHeaders(IHeaderDictionary headers, ProxyExchange exchange, Attempt attempt)
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
        if (exchange.Plan.Unchecked)
        {
            headers["x-hybrid-guard"] = "unchecked";
        }
        headers["x-hybrid-overhead-ms"] = exchange.OverheadMs.ToString("0.###", CultureInfo.InvariantCulture);
        exchange.Limits?.WriteHeaders(headers);
    }
}
