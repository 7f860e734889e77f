using HybridInference.AppHost.Hosting;

namespace HybridInference.AppHost.Tests.Hosting;

public sealed class ContainerRuntimeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Setting_none_means_no_engine() => Assert.False(ContainerRuntime.IsUsable("none", Timeout));

    [Fact]
    public void Naming_an_engine_trusts_it() => Assert.True(ContainerRuntime.IsUsable("podman", Timeout));

    [Fact]
    public void Engine_whose_info_succeeds_is_usable() => Assert.True(ContainerRuntime.Answers("true", Timeout));

    [Fact]
    public void Engine_whose_info_fails_is_not_usable() => Assert.False(ContainerRuntime.Answers("false", Timeout));

    [Fact]
    public void Missing_engine_is_not_usable() => Assert.False(ContainerRuntime.Answers("no-such-container-engine", Timeout));

    [Fact]
    public void Engine_that_hangs_is_not_usable_and_is_killed()
    {
        using var engine = new TemporaryDirectory();
        var script = Path.Combine(engine.Path, "hanging-engine");
        File.WriteAllText(script, "#!/bin/sh\nexec sleep 600\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.False(ContainerRuntime.Answers(script, TimeSpan.FromMilliseconds(300)));
        Assert.Empty(ProcessTable.WithArgument(script));
    }
}
