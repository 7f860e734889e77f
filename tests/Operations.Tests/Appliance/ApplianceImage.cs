using System.Text.RegularExpressions;

namespace HybridInference.Operations.Tests.Appliance;

/// <summary>What <c>deploy/appliance/Containerfile</c> copies where (build context: the repository root).</summary>
internal static partial class ApplianceImage
{
    public const string ManifestsDirectory = "/usr/lib/microshift/manifests.d/hybrid-inference";

    public static readonly string Containerfile = RepositoryRoot.Combine("deploy", "appliance", "Containerfile");

    /// <summary>Every <c>COPY</c>: its sources (repository paths) and its destination in the image.</summary>
    public static IReadOnlyList<(string[] Sources, string Destination)> Copies() =>
        [.. CopyLine().Matches(File.ReadAllText(Containerfile)).Select(m =>
        {
            var words = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (words[..^1], words[^1]);
        })];

    /// <summary>
    /// The manifests folder as the appliance has it: each source copied below <see cref="ManifestsDirectory"/> laid out
    /// in <paramref name="root"/>, and the mode's <c>kustomization.yaml</c> (which /etc holds on the appliance) on top.
    /// </summary>
    public static void LayOutManifests(string root)
    {
        foreach (var (sources, destination) in Copies().Where(c => c.Destination.StartsWith(ManifestsDirectory + "/", StringComparison.Ordinal)))
        {
            CopyDirectory(RepositoryRoot.Combine(sources.Single()), Path.Combine(root, destination[(ManifestsDirectory.Length + 1)..]));
        }
        File.Copy(RepositoryRoot.Combine("deploy", "appliance", "kustomization.yaml"), Path.Combine(root, "kustomization.yaml"));
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^COPY\s+(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();
}
