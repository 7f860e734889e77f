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
    // Per thread, reused: the key is computed synchronously, and a buffer per request was most of a cache hit's garbage.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    private const int KeptBufferBytes = 64 * 1024;

    public static string Compute(string customerId, string resolvedModel, RequestBody body)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartArray();
        writer.WriteStringValue(customerId);
        writer.WriteNumberValue((int)body.Api);
        writer.WriteStringValue(resolvedModel);
        // Streams always ask the backend for usage, so stream_options never changes the answer.
        CanonicalJson.Write(writer, body.Root, "stream_options");
        writer.WriteEndArray();
        writer.Flush();
        var key = string.Concat("cache:", Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan)));
        if (buffer.Capacity > KeptBufferBytes)
        {
            // A huge prompt's buffer is not kept for the thread's lifetime.
            t_buffer = null;
            t_writer = null;
        }
        return key;
    }

    /// <summary>A fresh response id in the style of <paramref name="original"/> (its prefix up to the first '-' or '_').</summary>
    public static string FreshId(string original)
    {
        var cut = original.AsSpan().IndexOfAny('-', '_');
        var prefix = cut < 0 ? "cache-" : original.AsSpan(0, cut + 1);
        Span<byte> random = stackalloc byte[12];
        Random.Shared.NextBytes(random);
        Span<char> hex = stackalloc char[24];
        Convert.TryToHexStringLower(random, hex, out _);
        return string.Concat(prefix, hex);
    }

    /// <summary><paramref name="value"/> in UTF-8 between double quotes.</summary>
    public static byte[] Quoted(string value)
    {
        var quoted = new byte[Encoding.UTF8.GetByteCount(value) + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        Encoding.UTF8.GetBytes(value, quoted.AsSpan(1));
        return quoted;
    }
}
