using System.Text.Json;

namespace HybridInference.Router.Caching;

/// <summary>
/// One spelling for every JSON text that means the same: properties sorted by name at every depth, no whitespace,
/// numbers and strings as they were. Two requests differing only in field order or spacing read alike.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>Writes <paramref name="element"/> canonically, leaving out the root property named <paramref name="skipAtRoot"/>.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement element, string? skipAtRoot = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name != skipAtRoot)
                    {
                        properties.Add(property);
                    }
                }
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
