using System.Buffers;
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
                // Each name read once (JsonProperty.Name makes a new string per call, and a sort compares often).
                var properties = ArrayPool<(string Name, JsonElement Value)>.Shared.Rent(element.GetPropertyCount());
                var count = 0;
                foreach (var property in element.EnumerateObject())
                {
                    if (skipAtRoot is null || !property.NameEquals(skipAtRoot))
                    {
                        properties[count++] = (property.Name, property.Value);
                    }
                }
                var sorted = properties.AsSpan(0, count);
                sorted.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var (name, value) in sorted)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                // Cleared: a pooled array must not keep this request's document alive.
                ArrayPool<(string Name, JsonElement Value)>.Shared.Return(properties, clearArray: true);
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
