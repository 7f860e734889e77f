using HybridInference.Tests.Shared;

namespace HybridInference.Fabric.Tests;

/// <summary>The operators' <c>deploy/scripts/smoke-test</c> passes against the fabric and fails loudly with a wrong key.</summary>
[Collection(FabricCollection.Name)]
public sealed class SmokeTestTests(FabricFixture fabric)
{
    private static readonly string Script = RepositoryRoot.Combine("deploy", "scripts", "smoke-test");

    [Fact]
    public async Task Smoke_test_passes_every_check_against_the_fabric()
    {
        using var router = fabric.App.CreateHttpClient("router", "http");
        await RoutingTests.GiveTheClassifierAGenerousBudgetAsync(fabric, router);

        var (exit, output) = await RunAsync(fabric.RouterEndpoint.ToString(), fabric.DevKey);

        Assert.True(exit == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], line => Assert.StartsWith("ok    ", line));
        foreach (var check in new[]
                 {
                     "backend vllm-coding healthy", "backend vllm-general healthy", "models listed", "chat on chat-fast", "chat on chat-deep",
                     "chat on local/chat", "embedding on embeddings-general", "auto routes by domain", "stream", "embedding on bge-m3", "bad key refused",
                 })
        {
            Assert.Contains(lines, line => line.StartsWith("ok    " + check, StringComparison.Ordinal));
        }
        Assert.Equal("smoke-test: all checks passed", lines[^1]);
    }

    [Fact]
    public async Task Smoke_test_fails_with_a_key_the_router_does_not_know()
    {
        var (exit, output) = await RunAsync(fabric.RouterEndpoint + "v1", "sk-hi-unknown");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  models listed: HTTP 401", output);
    }

    private static Task<(int Exit, string Output)> RunAsync(string baseUrl, string key) => ServiceProcess.RunAsync("bash", Script, baseUrl, key);
}
