using System.Text.Json;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Reads what metering needs from the Responses API in one <see cref="Utf8JsonReader"/> pass: from a response object
/// (the JSON answer, or the <c>response</c> of a stream event) its id, model, usage (<c>input_tokens</c>,
/// <c>output_tokens</c>), output text and function calls; from stream events the text deltas and the terminal event
/// (<c>response.completed</c>, <c>.incomplete</c> or <c>.failed</c>), which ends such a stream as <c>[DONE]</c> ends chat's.
/// </summary>
internal static class ResponsesScanner
{
    public static void Scan(ReadOnlySpan<byte> json, ResponseFacts facts)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }
            var isDelta = false;
            string? delta = null;
            while (reader.Read() && reader.CurrentDepth >= 1)
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isDelta |= reader.ValueTextEquals("response.output_text.delta"u8);
                    var failed = reader.ValueTextEquals("response.failed"u8);
                    facts.Failed |= failed;
                    facts.SawDone |= failed || reader.ValueTextEquals("response.completed"u8) || reader.ValueTextEquals("response.incomplete"u8);
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    delta = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("response"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ScanResponse(ref reader, facts, withText: false);
                    }
                }
                else
                {
                    // A response object at the root (the JSON answer): its properties are this one's.
                    ScanProperty(ref reader, facts, withText: true);
                }
            }
            if (isDelta && delta is not null)
            {
                facts.Text.Append(delta);
            }
        }
        catch (JsonException)
        {
            // A malformed event passes through untouched; it adds nothing to what is known.
        }
    }

    private static void ScanResponse(ref Utf8JsonReader reader, ResponseFacts facts, bool withText)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                ScanProperty(ref reader, facts, withText);
            }
        }
    }

    // On a property of a response object; leaves the reader on the last token of its value.
    private static void ScanProperty(ref Utf8JsonReader reader, ResponseFacts facts, bool withText)
    {
        if (reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("model"u8))
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                if (isId)
                {
                    facts.Id ??= reader.GetString();
                }
                else
                {
                    facts.Model ??= reader.GetString();
                }
            }
        }
        else if (reader.ValueTextEquals("usage"u8))
        {
            reader.Read();
            ScanUsage(ref reader, facts);
        }
        else if (reader.ValueTextEquals("output"u8))
        {
            reader.Read();
            ScanOutput(ref reader, facts, withText);
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static void ScanUsage(ref Utf8JsonReader reader, ResponseFacts facts)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }
            var input = reader.ValueTextEquals("input_tokens"u8);
            var output = !input && reader.ValueTextEquals("output_tokens"u8);
            reader.Read();
            if ((input || output) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var tokens))
            {
                if (input)
                {
                    facts.PromptTokens = tokens;
                }
                else
                {
                    facts.CompletionTokens = tokens;
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    // Output items: message text (for counting when usage is missing) and function calls (never cached).
    private static void ScanOutput(ref Utf8JsonReader reader, ResponseFacts facts, bool withText)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                facts.SawToolCalls |= reader.ValueTextEquals("function_call"u8);
            }
            else if (withText && reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    facts.AppendText(ref reader);
                }
            }
        }
    }
}
