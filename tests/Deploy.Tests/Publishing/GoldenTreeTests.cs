namespace HybridInference.Deploy.Tests.Publishing;

[Collection(PublishedTreeCollection.Name)]
public sealed class GoldenTreeTests(PublishedTree tree)
{
    /// <summary>What an engineer runs to bring the committed tree up to date.</summary>
    public const string RefreshCommand = "dotnet run --project AppHost -- --operation publish --step publish --output-path deploy/kubernetes";

    [Fact]
    public void The_committed_tree_is_what_the_AppHost_writes()
    {
        var committed = Path.Combine(AppHostProcess.RepositoryRoot, "deploy", "kubernetes");
        var written = Files(tree.Folder);
        var expected = Files(committed);
        var differences = written.Keys.Union(expected.Keys).Order(StringComparer.Ordinal)
            .Where(f => !written.TryGetValue(f, out var w) || !expected.TryGetValue(f, out var e) || w != e)
            .Select(f => !expected.ContainsKey(f) ? $"missing from deploy/kubernetes: {f}"
                : !written.ContainsKey(f) ? $"no longer published: {f}" : $"differs: {f}")
            .ToList();
        Assert.True(differences.Count == 0,
            $"deploy/kubernetes is not what the AppHost publishes:\n  {string.Join("\n  ", differences)}\n" +
            $"Refresh it from the repository root with:\n  {RefreshCommand}");
    }

    [Fact]
    public async Task Publishing_twice_writes_the_same_bytes()
    {
        using var again = new TemporaryFolder();
        var (exitCode, output) = await AppHostProcess.PublishAsync(again.Path);
        Assert.True(exitCode == 0, output);
        Assert.Equal(Files(tree.Folder), Files(again.Path));
    }

    // Operator-only files (secrets.env) are git-ignored and never published.
    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "secrets.env")
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);
}
