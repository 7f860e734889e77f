using System.Text.RegularExpressions;

namespace HybridInference.Router.Tests.Architecture;

/// <summary>
/// The Router's feature folders (<c>Router/&lt;Feature&gt;/</c>) form layers: a feature may use another only if that one
/// does not, directly or through others, use it back. Read from the sources: every <c>HybridInference.Router.X</c>
/// a file names (a using or a qualified name) is a dependency of its folder on <c>X</c>.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private static readonly Dictionary<string, Dictionary<string, SortedSet<string>>> Dependencies = Read();

    [Fact]
    public void No_feature_folders_depend_on_each_other_in_a_cycle()
    {
        var cycles = new List<string>();
        foreach (var (feature, uses) in Dependencies)
        {
            foreach (var (used, files) in uses)
            {
                if (string.CompareOrdinal(feature, used) < 0 && PathBetween(used, feature) is { } back)
                {
                    cycles.Add($"{feature} -> {used} ({string.Join(", ", files)}) and back: {string.Join(" -> ", back)}");
                }
            }
        }
        Assert.True(cycles.Count == 0, "Import cycles between feature folders:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Requests_depend_on_no_other_feature()
    {
        var uses = Dependencies.GetValueOrDefault("Requests") ?? [];
        Assert.True(uses.Count == 0, "Requests/ uses: " + string.Join("; ", uses.Select(u => $"{u.Key} ({string.Join(", ", u.Value)})")));
    }

    /// <summary>A chain of features from <paramref name="from"/> to <paramref name="to"/>, or null when there is none.</summary>
    private static List<string>? PathBetween(string from, string to)
    {
        var cameFrom = new Dictionary<string, string> { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var feature))
        {
            if (feature == to)
            {
                var path = new List<string> { to };
                while (path[^1] != from)
                {
                    path.Add(cameFrom[path[^1]]);
                }
                path.Reverse();
                return path;
            }
            foreach (var next in Dependencies.GetValueOrDefault(feature)?.Keys ?? Enumerable.Empty<string>())
            {
                if (cameFrom.TryAdd(next, feature))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return null;
    }

    /// <summary>Feature → features it names → the files that name them.</summary>
    private static Dictionary<string, Dictionary<string, SortedSet<string>>> Read()
    {
        var router = RepositoryRoot.Combine("Router");
        var result = new Dictionary<string, Dictionary<string, SortedSet<string>>>();
        foreach (var folder in Directory.GetDirectories(router))
        {
            var feature = Path.GetFileName(folder);
            if (feature is "bin" or "obj" or "Properties")
            {
                continue;
            }
            var uses = result[feature] = [];
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in FeatureName().Matches(File.ReadAllText(file)))
                {
                    var used = match.Groups[1].Value;
                    if (used != feature)
                    {
                        (uses.TryGetValue(used, out var files) ? files : uses[used] = []).Add(Path.GetFileName(file));
                    }
                }
            }
        }
        return result;
    }

    // The namespace line of a file names its own feature and is skipped as such.
    [GeneratedRegex(@"\bHybridInference\.Router\.(\w+)")]
    private static partial Regex FeatureName();
}
