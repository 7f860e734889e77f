using System.Diagnostics;

namespace HybridInference.Fabric.Tests;

/// <summary>
/// The official <c>openai</c> npm package against the fabric's Router (<c>tests/OpenAiNode/client.mjs</c>): the
/// contract as a Node.js app sees it, typed errors included. <c>test.sh</c> installs the package with <c>npm ci</c>.
/// </summary>
[Collection(FabricCollection.Name)]
public sealed class NodeClientTests(FabricFixture fabric)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_openai_npm_client_lists_chats_streams_embeds_and_gets_typed_errors()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "OpenAiNode");
        Assert.True(Directory.Exists(Path.Combine(script, "node_modules", "openai")),
            $"the openai npm package is not installed: run `npm ci` in {script} (test.sh does)");

        var start = new ProcessStartInfo("node", "client.mjs")
        {
            WorkingDirectory = script,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["HYBRID_BASE_URL"] = new Uri(fabric.RouterEndpoint, "/v1").ToString(),
                ["HYBRID_API_KEY"] = fabric.DevKey,
            },
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }

        Assert.True(node.ExitCode == 0, $"client.mjs failed ({node.ExitCode}):\n{await errors}\n{await output}");
        Assert.Contains("unknown key is an AuthenticationError", await output);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HybridInference.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
