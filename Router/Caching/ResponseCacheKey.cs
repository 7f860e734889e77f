using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Caching;

/// <summary>
/// The cache key of a request: SHA-256 over the customer, the API, the resolved model and the canonical body (less
/// <c>stream_options</c>), so one
/// tenant never meets another's answer and field order or whitespace never matter.
/// </summary>
internal static class ResponseCacheKey
{
    public static string Compute(string customerId, string resolvedModel, RequestBody body)
    {
        var buffer = new ArrayBufferWriter<byte>(body.Json.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(customerId);
            writer.WriteNumberValue((int)body.Api);
            writer.WriteStringValue(resolvedModel);
            // Streams always ask the backend for usage, so stream_options never changes the answer.
            CanonicalJson.Write(writer, body.Root, "stream_options");
            writer.WriteEndArray();
        }
        return string.Concat("cache:", Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan)));
    }

    /// <summary>A fresh response id in the style of <paramref name="original"/> (its prefix up to the first '-' or '_').</summary>
    public static string FreshId(string original)
    {
        var cut = original.AsSpan().IndexOfAny('-', '_');
        var prefix = cut < 0 ? "cache-" : original[..(cut + 1)];
        Span<byte> random = stackalloc byte[12];
        Random.Shared.NextBytes(random);
        return string.Concat(prefix, Convert.ToHexStringLower(random));
    }

    public static byte[] Quoted(string value) => Encoding.UTF8.GetBytes(string.Concat("\"", value, "\""));
}
