using System.Buffers;
using System.Diagnostics;
using HybridInference.Router.Requests;
using HybridInference.Router.Routing;

namespace HybridInference.Router.Caching;

/// <summary>
/// Writes a cached answer as the backend once did (a JSON body, or the whole SSE stream: chunks, usage chunk,
/// <c>[DONE]</c>), under a fresh response id, with the Router's headers and <c>x-hybrid-cache: hit</c>.
/// </summary>
internal static class CacheReplay
{
    public static async Task WriteAsync(HttpContext context, ProxyExchange exchange, CachedResponse cached)
    {
        // The old id, quoted so only whole values match, and its replacement; written piece by piece, not copied first.
        var (old, fresh) = cached.Id is { } id ? (ResponseCacheKey.Quoted(id), ResponseCacheKey.Quoted(ResponseCacheKey.FreshId(id))) : ([], []);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        headers["x-request-id"] = exchange.RequestId;
        headers["x-hybrid-model"] = cached.ServedModel;
        headers["x-hybrid-backend"] = CacheHit.Backend;
        headers[ResponseCache.Header] = "hit";
        if (exchange.Plan.Category is { } category)
        {
            headers["x-hybrid-category"] = category;
        }
        exchange.Limits?.WriteHeaders(headers);
        if (cached.Stream)
        {
            response.ContentType = "text/event-stream";
            headers.CacheControl = "no-cache";
        }
        else
        {
            response.ContentType = "application/json";
            response.ContentLength = cached.Body.Length + (old.Length == 0 ? 0 : cached.Body.AsSpan().Count(old) * (fresh.Length - old.Length));
        }
        exchange.Facts.FirstByteAt = Stopwatch.GetTimestamp();
        var writer = response.BodyWriter;
        ReadOnlySpan<byte> rest = cached.Body;
        while (old.Length > 0 && rest.IndexOf(old) is var at and >= 0)
        {
            writer.Write(rest[..at]);
            writer.Write(fresh);
            rest = rest[(at + old.Length)..];
        }
        writer.Write(rest);
        await writer.FlushAsync(context.RequestAborted);
    }
}
