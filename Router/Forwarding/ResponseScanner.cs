using System.Text.Json;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Reads what metering and continuation need from an OpenAI response object or stream chunk in one
/// <see cref="Utf8JsonReader"/> pass: id, model, usage, choice 0's text, tool calls, finish reason.
/// </summary>
internal static class ResponseScanner
{
    public static void Scan(ReadOnlySpan<byte> json, ResponseFacts facts)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                switch (reader.CurrentDepth)
                {
                    case 1:
                        ScanTopLevel(ref reader, facts);
                        break;
                    case 3:
                        ScanChoice(ref reader, facts);
                        break;
                    case 4:
                        ScanMessage(ref reader, facts);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed chunk is passed through untouched; it just adds nothing to what is known.
        }
    }

    private static void ScanTopLevel(ref Utf8JsonReader reader, ResponseFacts facts)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            reader.Read();
            if (facts.Id is null && reader.TokenType == JsonTokenType.String)
            {
                facts.Id = reader.GetString();
            }
        }
        else if (reader.ValueTextEquals("model"u8))
        {
            reader.Read();
            if (facts.Model is null && reader.TokenType == JsonTokenType.String)
            {
                facts.Model = reader.GetString();
            }
        }
        else if (reader.ValueTextEquals("usage"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                var prompt = reader.ValueTextEquals("prompt_tokens"u8);
                var completion = !prompt && reader.ValueTextEquals("completion_tokens"u8);
                reader.Read();
                if ((prompt || completion) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var tokens))
                {
                    if (prompt)
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
        else if (reader.ValueTextEquals("data"u8))
        {
            // Embedding vectors: nothing to read.
            reader.Read();
            reader.Skip();
        }
    }

    private static void ScanChoice(ref Utf8JsonReader reader, ResponseFacts facts)
    {
        if (reader.ValueTextEquals("index"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) && index > 0)
            {
                facts.MultipleChoices = true;
            }
        }
        else if (reader.ValueTextEquals("finish_reason"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                facts.FinishReason = reader.GetString();
            }
        }
        else if (reader.ValueTextEquals("text"u8))
        {
            // Completions API.
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && !facts.MultipleChoices)
            {
                facts.AppendText(ref reader);
            }
        }
    }

    private static void ScanMessage(ref Utf8JsonReader reader, ResponseFacts facts)
    {
        if (reader.ValueTextEquals("content"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && !facts.MultipleChoices)
            {
                facts.AppendText(ref reader);
            }
        }
        else if (reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("function_call"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.Null)
            {
                facts.SawToolCalls = true;
            }
            reader.Skip();
        }
    }
}
