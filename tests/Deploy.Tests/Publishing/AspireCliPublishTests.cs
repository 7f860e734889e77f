namespace HybridInference.Deploy.Tests.Publishing;

/// <summary>The second publish form: the Aspire CLI, installed by the project's own tool manifest.</summary>
public sealed class AspireCliPublishTests
{
    [Fact]
    public async Task Aspire_publish_writes_every_overlay()
    {
        using var output = new TemporaryFolder();
        var (restored, restoreLog) = await DotnetAsync("tool", "restore");
        Assert.True(restored == 0, restoreLog);
        var (exitCode, log) = await DotnetAsync("aspire", "publish", "-o", output.Path, "--non-interactive");
        Assert.True(exitCode == 0, log);
        foreach (var overlay in PublishedTree.OverlayNames)
        {
            Assert.True(File.Exists(Path.Combine(output.Path, "overlays", overlay, "kustomization.yaml")), $"{overlay} missing:\n{log}");
            Assert.NotEmpty(await Kubectl.KustomizeAsync(Path.Combine(output.Path, "overlays", overlay)));
        }
    }

    // The CLI builds the AppHost itself; on a busy machine that takes a while.
    private static Task<(int ExitCode, string Output)> DotnetAsync(params string[] arguments) =>
        AppHostProcess.DotnetAsync(AppHostProcess.RepositoryRoot, TimeSpan.FromMinutes(8), arguments);
}
