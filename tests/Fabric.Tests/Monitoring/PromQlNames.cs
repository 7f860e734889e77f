using System.Text.Json;
using System.Text.RegularExpressions;
using HybridInference.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace HybridInference.Fabric.Tests.Monitoring;

/// <summary>The metric names the monitoring assets query: every PromQL expression of the Grafana dashboards and the alert rules.</summary>
internal static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    private static string MonitoringDirectory => RepositoryRoot.Combine("deploy", "monitoring");

    /// <summary>Metric names of one expression: string literals, label matchers, ranges, grouping lists and function names left out.</summary>
    public static IEnumerable<string> Of(string expression)
    {
        var bare = StringLiteral().Replace(expression, "\"\"");
        bare = GrafanaVariable().Replace(bare, "1m");
        bare = Braces().Replace(bare, "{}");
        bare = Brackets().Replace(bare, "[]");
        bare = Grouping().Replace(bare, " ");
        foreach (Match match in Identifier().Matches(bare))
        {
            if (!Keywords.Contains(match.Value))
            {
                yield return match.Value;
            }
        }
    }

    /// <summary>Expressions of every panel target in every dashboard JSON under <c>grafana/dashboards</c>, by file.</summary>
    public static IEnumerable<(string File, string Expression)> DashboardExpressions()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(MonitoringDirectory, "grafana", "dashboards"), "*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in Panels(dashboard.RootElement))
            {
                if (panel.TryGetProperty("targets", out var targets))
                {
                    foreach (var target in targets.EnumerateArray())
                    {
                        if (target.TryGetProperty("expr", out var expr) && expr.GetString() is { Length: > 0 } text)
                        {
                            yield return (Path.GetFileName(file), text);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Alert and recording rule expressions under <c>prometheus/rules</c>, and the names the recording rules make.</summary>
    public static (List<(string File, string Expression)> Expressions, HashSet<string> Recorded) Rules()
    {
        var expressions = new List<(string, string)>();
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(MonitoringDirectory, "prometheus", "rules"), "*.yml"))
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
            {
                foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
                {
                    expressions.Add((Path.GetFileName(file), ((YamlScalarNode)rule["expr"]).Value!));
                    if (rule.Children.TryGetValue("record", out var record))
                    {
                        recorded.Add(((YamlScalarNode)record).Value!);
                    }
                }
            }
        }
        return (expressions, recorded);
    }

    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in Panels(panel))
            {
                yield return nested;
            }
        }
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // A name not glued to a number (1e3, 0.95) and not called like a function.
    [GeneratedRegex(@"(?<![\w.:])(?>[a-zA-Z_:][a-zA-Z0-9_:]*)(?!\s*\()")]
    private static partial Regex Identifier();
}
