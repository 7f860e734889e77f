using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HybridInference.Contracts.Configuration;

/// <summary>
/// Reads and writes <see cref="RouterConfig"/> as YAML with the same snake_case names as its JSON. YAML is read into a
/// JSON tree and bound by the source-generated <see cref="ContractJsonContext"/>, so one schema serves both formats and
/// no reflection is needed (the Router can be compiled ahead of time).
/// </summary>
public static class RouterConfigYaml
{
    // A file is typed by hand: a misspelt key is an error, as it is for YamlDotNet's own binder.
    private static readonly JsonTypeInfo<RouterConfig> Strict = (JsonTypeInfo<RouterConfig>)new JsonSerializerOptions(
        ContractJsonContext.Default.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow }
        .GetTypeInfo(typeof(RouterConfig));

    /// <summary>Parses YAML text; throws <see cref="YamlException"/> with line and column on bad input.</summary>
    public static RouterConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0)
        {
            return new RouterConfig();
        }
        var marks = new Dictionary<string, Mark>(StringComparer.Ordinal);
        var root = stream.Documents[0].RootNode;
        var json = YamlJson.ToJson(root, "$", marks);
        if (json is null)
        {
            return new RouterConfig();
        }
        try
        {
            return json.Deserialize(Strict) ?? new RouterConfig();
        }
        catch (JsonException ex)
        {
            var node = Nearest(marks, ex.Path) ?? root.Start;
            throw new YamlException(node, node, $"{ex.Path?.TrimStart('$', '.')}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a config as YAML.</summary>
    public static string Write(RouterConfig config)
    {
        var document = new YamlDocument(YamlJson.ToYaml(JsonSerializer.SerializeToNode(config, ContractJsonContext.Default.RouterConfig)!));
        var writer = new StringWriter();
        new YamlStream(document).Save(writer, assignAnchors: false);
        // The stream closes its one document with an explicit end marker, which a config file does without.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    // The longest recorded path that starts the failing one: the property the binder stopped at, or its object.
    private static Mark? Nearest(Dictionary<string, Mark> marks, string? path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = p[..Math.Max(0, p.LastIndexOfAny(['.', '[']))])
        {
            if (marks.TryGetValue(p, out var mark))
            {
                return mark;
            }
        }
        return null;
    }
}
