using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Simulator.Protocol;

/// <summary>
/// Reads a message's <c>content</c> (chat messages, Responses input items): a string, or an array of content parts
/// whose <c>text</c> (<c>text</c>, <c>input_text</c>, <c>output_text</c> parts) are joined with newlines.
/// </summary>
internal sealed class MessageContentConverter : JsonConverter<string>
{
    private static readonly byte[] TextProperty = "text"u8.ToArray();

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("'content' must be a string or an array of content parts.");
        }

        var text = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A content part must be an object.");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isText = reader.ValueTextEquals(TextProperty);
                reader.Read();
                if (isText && reader.TokenType == JsonTokenType.String)
                {
                    if (text.Length > 0)
                    {
                        text.Append('\n');
                    }
                    text.Append(reader.GetString());
                }
                else
                {
                    // Images, audio and the like carry no text the engine could count.
                    reader.Skip();
                }
            }
        }
        return text.ToString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
