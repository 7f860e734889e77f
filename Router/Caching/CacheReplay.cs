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
        var body = cached.Id is { } id ? Replace(cached.Body, ResponseCacheKey.Quoted(id), ResponseCacheKey.Quoted(ResponseCacheKey.FreshId(id))) : cached.Body;
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
            response.ContentLength = body.Length;
        }
        exchange.Facts.FirstByteAt = Stopwatch.GetTimestamp();
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    // Every occurrence of the old id (quoted, so only whole values) becomes the new one.
    private static byte[] Replace(byte[] body, byte[] old, byte[] replacement)
    {
        var output = new ArrayBufferWriter<byte>(body.Length + 64);
        var rest = body.AsSpan();
        while (rest.IndexOf(old) is var at and >= 0)
        {
            output.Write(rest[..at]);
            output.Write(replacement);
            rest = rest[(at + old.Length)..];
        }
        output.Write(rest);
        return output.WrittenSpan.ToArray();
    }
}
