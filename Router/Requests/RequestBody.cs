using System.Text;
using System.Text.Json;

namespace HybridInference.Router.Requests;

/// <summary>
/// What the Router needs from an OpenAI request body, read in one pass with <see cref="Utf8JsonReader"/>: the model
/// (and where its value sits, so it can be swapped without re-serialising), streaming, output cap, tools, and a cheap
/// upper bound on prompt tokens. Validation stops at the shape the Router relies on; the rest is the backend's job.
/// Whatever needs the body as a document (classification, redaction, the cache key, counting) shares one
/// <see cref="Root"/>, parsed on first use and released with the body.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private JsonDocument? _document;

    public required ReadOnlyMemory<byte> Json { get; init; }
    public required string Model { get; init; }
    public ApiKind Api { get; init; }
    public int ModelStart { get; init; }
    public int ModelLength { get; init; }
    public bool Stream { get; init; }
    public bool HasStreamOptions { get; init; }
    public bool IncludeUsage { get; init; }
    public int? MaxTokens { get; init; }
    public int Choices { get; init; } = 1;

    /// <summary>The request offers tools (or functions): its answers are never cached.</summary>
    public bool HasTools { get; init; }

    /// <summary>The answer should come out the same again: <c>temperature</c> 0 or a <c>seed</c>.</summary>
    public bool Reproducible { get; init; }

    /// <summary>Bytes of prompt text: never fewer than its tokens, so a safe worst case for reservations.</summary>
    public long PromptBytes { get; init; }

    /// <summary>Index of the closing brace of the root object.</summary>
    public int RootEnd { get; init; }

    /// <summary>The body as a document, parsed once, on first use (the bytes were valid JSON when the body was read).</summary>
    public JsonElement Root => (_document ??= JsonDocument.Parse(Json, new JsonDocumentOptions { MaxDepth = 64 })).RootElement;

    /// <summary>Releases the document's pooled memory; it references <see cref="Json"/>, so this comes before the bytes go back.</summary>
    public void Dispose() => _document?.Dispose();

    /// <summary>Whether the body must be rewritten so a stream reports usage (the Responses API always reports it).</summary>
    public bool NeedsUsageOption => Stream && !IncludeUsage && Api != ApiKind.Responses;

    /// <summary>Reads a body; on a malformed or wrong-typed body returns null with an OpenAI-style message and param.</summary>
    public static RequestBody? Parse(ReadOnlyMemory<byte> json, ApiKind api, out string? error, out string? param)
    {
        error = null;
        param = null;
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The request body must be a JSON object.";
                return null;
            }
            string? model = null;
            int modelStart = 0, modelLength = 0, choices = 1, rootEnd = 0;
            int? maxTokens = null;
            bool stream = false, hasStreamOptions = false, includeUsage = false, hasTools = false, zeroTemperature = false, seeded = false, sawPayload = false;
            long promptBytes = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    rootEnd = (int)reader.TokenStartIndex;
                    continue;
                }
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("model"u8))
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return Invalid("'model' must be a string.", "model", out error, out param);
                    }
                    model = reader.GetString();
                    modelStart = (int)reader.TokenStartIndex;
                    modelLength = reader.ValueSpan.Length + 2;
                }
                else if (name.SequenceEqual("stream"u8))
                {
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                    {
                        return Invalid("'stream' must be a boolean.", "stream", out error, out param);
                    }
                    stream = reader.TokenType == JsonTokenType.True;
                }
                else if (name.SequenceEqual("stream_options"u8))
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        hasStreamOptions = true;
                        includeUsage = ReadIncludeUsage(ref reader);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return Invalid("'stream_options' must be an object.", "stream_options", out error, out param);
                    }
                }
                else if (name.SequenceEqual("max_tokens"u8) || name.SequenceEqual("max_completion_tokens"u8) || name.SequenceEqual("max_output_tokens"u8))
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var max) && max >= 0)
                    {
                        maxTokens = max;
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return Invalid("'max_tokens' must be a non-negative integer.", "max_tokens", out error, out param);
                    }
                }
                else if (name.SequenceEqual("n"u8))
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && n >= 1)
                    {
                        choices = n;
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return Invalid("'n' must be a positive integer.", "n", out error, out param);
                    }
                }
                else if (name.SequenceEqual("tools"u8) || name.SequenceEqual("functions"u8))
                {
                    hasTools = reader.TokenType == JsonTokenType.StartArray;
                    reader.Skip();
                }
                else if (name.SequenceEqual("temperature"u8))
                {
                    zeroTemperature = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var temperature) && temperature == 0;
                }
                else if (name.SequenceEqual("seed"u8))
                {
                    seeded = reader.TokenType == JsonTokenType.Number;
                }
                else if (api == ApiKind.Responses && name.SequenceEqual("instructions"u8) && reader.TokenType == JsonTokenType.String)
                {
                    promptBytes += reader.ValueSpan.Length;
                }
                else if (name.SequenceEqual(PayloadName(api)))
                {
                    if (!ReadPayload(ref reader, api, ref promptBytes, out error))
                    {
                        param = Encoding.UTF8.GetString(PayloadName(api));
                        return null;
                    }
                    sawPayload = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            if (model is null)
            {
                return Invalid("You must provide a model parameter.", "model", out error, out param);
            }
            if (!sawPayload)
            {
                var payload = Encoding.UTF8.GetString(PayloadName(api));
                return Invalid($"Missing required parameter: '{payload}'.", payload, out error, out param);
            }
            return new RequestBody
            {
                Json = json,
                Model = model,
                Api = api,
                ModelStart = modelStart,
                ModelLength = modelLength,
                Stream = stream && api != ApiKind.Embeddings,
                HasStreamOptions = hasStreamOptions,
                IncludeUsage = includeUsage,
                MaxTokens = maxTokens,
                HasTools = hasTools,
                Reproducible = zeroTemperature || seeded,
                Choices = choices,
                PromptBytes = promptBytes,
                RootEnd = rootEnd,
            };
        }
        catch (JsonException ex)
        {
            error = $"We could not parse the JSON body of your request: {ex.Message}";
            return null;
        }
        catch (InvalidOperationException ex)
        {
            error = $"We could not parse the JSON body of your request: {ex.Message}";
            return null;
        }
    }

    private static ReadOnlySpan<byte> PayloadName(ApiKind api) => api switch
    {
        ApiKind.ChatCompletions => "messages"u8,
        ApiKind.Completions => "prompt"u8,
        _ => "input"u8,
    };

    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        var include = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("include_usage"u8))
            {
                reader.Read();
                include = reader.TokenType == JsonTokenType.True;
            }
        }
        return include;
    }

    // Messages must be an array of objects; prompt and input a string or an array. Text bytes are summed on the way.
    private static bool ReadPayload(ref Utf8JsonReader reader, ApiKind api, ref long promptBytes, out string? error)
    {
        error = null;
        if (api == ApiKind.ChatCompletions)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                error = "'messages' must be an array of message objects.";
                return false;
            }
            var depth = reader.CurrentDepth;
            var count = 0;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                if (reader.CurrentDepth == depth + 1 && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        error = "Each message must be an object with 'role' and 'content'.";
                        return false;
                    }
                    count++;
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    promptBytes += reader.ValueSpan.Length;
                }
            }
            if (count == 0)
            {
                error = "'messages' must contain at least one message.";
                return false;
            }
            promptBytes += 4L * count;
            return true;
        }
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                promptBytes += reader.ValueSpan.Length;
                return true;
            case JsonTokenType.StartArray:
                var depth = reader.CurrentDepth;
                while (reader.Read() && reader.CurrentDepth > depth)
                {
                    promptBytes += reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length : 1;
                }
                return true;
            default:
                error = $"'{(api == ApiKind.Completions ? "prompt" : "input")}' must be a string or an array.";
                return false;
        }
    }

    private static RequestBody? Invalid(string message, string field, out string? error, out string? param)
    {
        error = message;
        param = field;
        return null;
    }
}
