using System.Text.Json;
using System.Text.Json.Serialization;
using HybridInference.Simulator.Protocol;

namespace HybridInference.Simulator.Responses;

/// <summary>Reads <c>input</c>: a string is one user message, an array is a list of items.</summary>
internal sealed class ResponseInputConverter : JsonConverter<List<ResponseInputItem>>
{
    public override List<ResponseInputItem> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [new ResponseInputItem { Type = ResponseInputItem.MessageType, Role = "user", Content = reader.GetString() }];
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("'input' must be a string or an array of input items.");
        }
        var items = new List<ResponseInputItem>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(JsonSerializer.Deserialize(ref reader, SimulatorJsonContext.Wire.ResponseInputItem)
                ?? throw new JsonException("An input item must be an object."));
        }
        return items;
    }

    public override void Write(Utf8JsonWriter writer, List<ResponseInputItem> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, SimulatorJsonContext.Wire.ListResponseInputItem);
}
