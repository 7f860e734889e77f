using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HybridInference.Contracts.Configuration;

/// <summary>
/// Converts between a YAML tree and a JSON tree. Plain <c>true</c>/<c>false</c> become booleans and plain
/// <c>null</c>/<c>~</c>/empty become null; every other scalar stays text, which the JSON binder reads as a number where
/// the schema wants one.
/// </summary>
internal static class YamlJson
{
    /// <summary>The JSON form of <paramref name="node"/>; records where each mapping value starts, by JSON path.</summary>
    public static JsonNode? ToJson(YamlNode node, string path, Dictionary<string, Mark> marks)
    {
        marks[path] = node.Start;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    obj[name] = ToJson(value, $"{path}.{name}", marks);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(ToJson(sequence.Children[i], $"{path}[{i}]", marks));
                }
                return array;
            case YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain or ScalarStyle.Any:
                return IsNull(scalar.Value) ? null
                    : Boolean(scalar.Value!) is { } flag ? JsonValue.Create(flag)
                    : JsonValue.Create(scalar.Value);
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value ?? "");
            default:
                throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}");
        }
    }

    /// <summary>The YAML form of a JSON tree; strings that would read back as a boolean or null are quoted.</summary>
    public static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), ToYaml(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(ToYaml)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Text(value.GetValue<string>()),
        null => new YamlScalarNode("null"),
        _ => new YamlScalarNode(node.ToJsonString()),
    };

    private static YamlScalarNode Text(string text) =>
        IsNull(text) || Boolean(text) is not null ? new YamlScalarNode(text) { Style = ScalarStyle.DoubleQuoted } : new YamlScalarNode(text);

    private static bool IsNull(string? text) => text is null or "" or "~" or "null" or "Null" or "NULL";

    private static bool? Boolean(string text) => text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };
}
