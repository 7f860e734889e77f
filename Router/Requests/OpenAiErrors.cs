using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.OpenAi;

namespace HybridInference.Router.Requests;

/// <summary>Every error the Router answers on <c>/v1</c>, in OpenAI's shape, built in one place.</summary>
internal static class OpenAiErrors
{
    // Messages quote model names ('x'); JSON bodies need no HTML-safe escaping.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Answers <paramref name="refusal"/> (with <c>Retry-After</c> when it has one).</summary>
    public static Task WriteAsync(HttpContext context, Refusal refusal)
    {
        var response = context.Response;
        if (refusal.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        response.StatusCode = refusal.Status;
        response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, refusal.Message, refusal.Type, refusal.Code, refusal.Param);
        }
        response.ContentLength = buffer.WrittenCount;
        return response.Body.WriteAsync(buffer.WrittenMemory, CancellationToken.None).AsTask();
    }

    /// <summary>Writes <c>{"error":{…}}</c>; also used for the error event that ends a broken stream.</summary>
    public static void Write(Utf8JsonWriter writer, string message, string type, string? code, string? param)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        if (param is null)
        {
            writer.WriteNull("param");
        }
        else
        {
            writer.WriteString("param", param);
        }
        if (code is null)
        {
            writer.WriteNull("code");
        }
        else
        {
            writer.WriteString("code", code);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static Refusal Forbidden(string model) =>
        new(StatusCodes.Status403Forbidden, $"This API key is not allowed to use the model '{model}'.", OpenAiErrorTypes.Permission, "model_not_allowed", "model");

    public static Refusal ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, $"The model '{model}' does not exist or is not served here.", OpenAiErrorTypes.InvalidRequest, "model_not_found", "model");

    public static Refusal TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds the limit of {limit} bytes.", OpenAiErrorTypes.InvalidRequest, "request_too_large");

    public static Refusal RateLimited(string message, string code, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, message, OpenAiErrorTypes.RateLimit, code) { RetryAfter = retryAfter };
}
