namespace HybridInference.Deploy.Tests.Publishing;

/// <summary>Publishing refuses what would not run, says why, and writes nothing.</summary>
public sealed class PublishRefusalTests
{
    [Fact]
    public async Task An_engine_on_a_branch_instead_of_a_commit_is_refused_unless_the_operator_allows_it()
    {
        using var output = new TemporaryFolder();
        var (exitCode, log) = await AppHostProcess.PublishAsync(output.Path, "--Fabric:Revisions:llama-3.1-8b-instruct", "main");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("vllm-general (meta-llama/Llama-3.1-8B-Instruct@main)", log, StringComparison.Ordinal);
        Assert.Contains("AllowUnpinnedRevisions", log, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));

        (exitCode, log) = await AppHostProcess.PublishAsync(output.Path,
            "--Fabric:Revisions:llama-3.1-8b-instruct", "main", "--Fabric:Publish:AllowUnpinnedRevisions", "true");
        Assert.True(exitCode == 0, log);
        Assert.Contains("Publishing unpinned engine revisions because the operator allowed it", log, StringComparison.Ordinal);
        Assert.Contains("--revision\n        - main", File.ReadAllText(Path.Combine(output.Path, "components", "engines", "vllm-general.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GPU_plan_past_the_limit_is_refused_with_its_table()
    {
        using var output = new TemporaryFolder();
        var (exitCode, log) = await AppHostProcess.PublishAsync(output.Path, "--Fabric:Gpu:MaxUtilization", "0.5");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("The GPU plan does not fit", log, StringComparison.Ordinal);
        Assert.Contains("more than the allowed 0.50", log, StringComparison.Ordinal);
        Assert.Contains("vllm-general", log, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Fact]
    public async Task The_plan_gpu_step_prints_the_plan_and_writes_nothing()
    {
        using var output = new TemporaryFolder();
        var (exitCode, log) = await AppHostProcess.RunAsync("--operation", "publish", "--step", "plan-gpu", "--output-path", output.Path);
        Assert.True(exitCode == 0, log);
        Assert.Contains("vllm-coding    qwen2.5-coder-7b-instruct", log, StringComparison.Ordinal);
        Assert.Contains("total", log, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }
}
