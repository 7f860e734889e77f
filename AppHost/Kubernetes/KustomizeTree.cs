using System.Text;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>The published files, by path relative to the output folder; written in path order with LF endings.</summary>
public sealed class KustomizeTree
{
    // Operators keep their secret values beside the component; a republish never touches them.
    private static readonly string[] Kept = ["secrets.env"];
    private static readonly string[] Generated = ["base", "components", "overlays"];

    /// <summary>The files.</summary>
    public SortedDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a file; a path may be added once.</summary>
    public void Add(string path, string content) => Files.Add(path, content.ReplaceLineEndings("\n"));

    /// <summary>Adds Kubernetes objects as one multi-document YAML file.</summary>
    public void AddObjects(string path, params object[] objects) => Add(path, k8s.KubernetesYaml.SerializeAll(objects));

    /// <summary>
    /// Writes every file under <paramref name="output"/> and removes files a previous publish wrote into the
    /// generated folders that this one no longer has, so the folder equals the tree.
    /// </summary>
    public async Task WriteAsync(string output, CancellationToken cancellationToken)
    {
        foreach (var folder in Generated.Select(f => Path.Combine(output, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(output, file).Replace('\\', '/');
                if (!Files.ContainsKey(relative) && !Kept.Contains(Path.GetFileName(file)))
                {
                    File.Delete(file);
                }
            }
        }
        foreach (var (path, content) in Files)
        {
            var full = Path.Combine(output, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, new UTF8Encoding(false), cancellationToken);
        }
    }
}
