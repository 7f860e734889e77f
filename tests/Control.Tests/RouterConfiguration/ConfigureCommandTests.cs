using HybridInference.Contracts.Configuration;
using HybridInference.Control.RouterConfiguration;
using HybridInference.Control.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Control.Tests.RouterConfiguration;

public sealed class ConfigureCommandTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    private readonly string _secrets = Path.Combine(Path.GetTempPath(), "control-secrets-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Control:SeedConfigFile"] = RouterYamlPath,
        ["Control:SecretsDirectory"] = _secrets,
    };

    private async Task<(int Exit, string Output)> RunAsync(string input, params string[] args)
    {
        await using var scope = Control.Services.CreateAsyncScope();
        var output = new StringWriter();
        var exit = await scope.ServiceProvider.GetRequiredService<ConfigureCommand>()
            .RunAsync(args, new StringReader(input), output, interactive: input.Length > 0, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Configure_points_the_remote_backend_at_the_endpoint_and_writes_the_key_as_a_secret()
    {
        try
        {
            var (exit, output) = await RunAsync("", "--endpoint", "https://llm.example.com/v1", "--api-key", "sk-remote-123",
                "--model-coding", "qwen2.5-coder-7b-instruct", "--model-general", "grok-3-mini");
            Assert.True(exit == 0, output);

            var config = Read<RouterConfig>(await JsonAsync(await Control.Internal().GetAsync("/v1/internal/router-config")));
            Assert.Equal(2, config.Version);
            var cloud = Assert.Single(config.Backends, b => b.Name == "cloud");
            Assert.Equal("https://llm.example.com/v1", cloud.Url);
            Assert.Equal("CLOUD_API_KEY", cloud.ApiKeySecret);
            Assert.Equal("grok-3-mini", config.Auto.Domains["general"]);
            Assert.Equal("qwen2.5-coder-7b-instruct", config.Auto.Domains["coding"]);
            Assert.Equal("cloud", Assert.Single(config.Models, m => m.Id == "grok-3-mini").Targets.Single().Backend);
            Assert.Equal("sk-remote-123", await File.ReadAllTextAsync(Path.Combine(_secrets, "CLOUD_API_KEY")));
            Assert.DoesNotContain("sk-remote-123", await (await Control.Admin().GetAsync("/v1/admin/config")).Content.ReadAsStringAsync());

            var (printExit, printed) = await RunAsync("", "--print");
            Assert.Equal(0, printExit);
            Assert.Contains("url: https://llm.example.com/v1", printed);
        }
        finally
        {
            if (Directory.Exists(_secrets))
            {
                Directory.Delete(_secrets, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Configure_asks_for_missing_values_and_refuses_an_invalid_endpoint()
    {
        var (exit, output) = await RunAsync("not a url\nsk-x\nqwen2.5-coder-7b-instruct\nllama-3.1-8b-instruct\n");
        Assert.Equal(1, exit);
        Assert.Contains("endpoint: ", output);
        Assert.Contains("not an absolute http(s) URL", output);
        Assert.False(File.Exists(Path.Combine(_secrets, "CLOUD_API_KEY")));
        Assert.Equal(1, Read<RouterConfig>(await JsonAsync(await Control.Internal().GetAsync("/v1/internal/router-config"))).Version);

        var (missing, message) = await RunAsync("", "--endpoint", "http://x");
        Assert.Equal(2, missing);
        Assert.Contains("--api-key is required", message);
    }
}
