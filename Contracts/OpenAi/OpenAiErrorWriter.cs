using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Contracts.OpenAi;

/// <summary>
/// Writes every OpenAI-shaped error, <c>{"error":{"message","type","param","code"}}</c>, for every service: with
/// pre-encoded names into a per-thread buffer, so a refusal on a hot path allocates nothing beyond its message.
/// </summary>
public static class OpenAiErrorWriter
{
    /// <summary>JSON bodies are never HTML, so quotes and backticks in messages stay readable.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ParamName = JsonEncodedText.Encode("param");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Answers <paramref name="response"/> with the error: status, <c>application/json</c>, a <c>Content-Length</c>.
    /// The caller sets any other header (e.g. <c>Retry-After</c>) before.
    /// </summary>
    public static Task WriteAsync(HttpResponse response, int status, string message, string type, string? code = null, string? param = null)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, message, type, code, param);
        writer.Flush();

        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        // Copied into the response's pipe before any await, so the thread's buffer is free for the next error.
        response.BodyWriter.Write(buffer.WrittenSpan);
        return response.BodyWriter.FlushAsync(CancellationToken.None).AsTask();
    }

    /// <summary>Writes <c>{"error":{…}}</c> to <paramref name="writer"/>; also the payload of an error event that ends a broken stream.</summary>
    public static void Write(Utf8JsonWriter writer, string message, string type, string? code = null, string? param = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(ErrorName);
        writer.WriteString(MessageName, message);
        writer.WriteString(TypeName, type);
        // OpenAI writes both as null rather than leaving them out.
        WriteStringOrNull(writer, ParamName, param);
        WriteStringOrNull(writer, CodeName, code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The error as an endpoint's result.</summary>
    public static OpenAiErrorResult Result(int status, string message, string type, string? code = null, string? param = null) =>
        new(status, new OpenAiError(message, type, param, code));

    /// <summary>The error type OpenAI uses for an HTTP status.</summary>
    public static string TypeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => OpenAiErrorTypes.Authentication,
        StatusCodes.Status403Forbidden => OpenAiErrorTypes.Permission,
        StatusCodes.Status429TooManyRequests => OpenAiErrorTypes.RateLimit,
        < 500 => OpenAiErrorTypes.InvalidRequest,
        _ => OpenAiErrorTypes.Server,
    };

    private static void WriteStringOrNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
