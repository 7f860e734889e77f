using HybridInference.Contracts.Configuration;
using HybridInference.Control.Commands;
using HybridInference.Control.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Control.Tests.Commands;

public sealed class ConfigureCommandTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    private const string Key = "sk-remote-123";
    private readonly string _secrets = Path.Combine(Path.GetTempPath(), "control-secrets-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Control:SeedConfigFile"] = RouterYamlPath,
        ["Control:SecretsDirectory"] = _secrets,
    };

    private string KeyFile => Path.Combine(_secrets, ConfigureCommand.DefaultApiKeySecret);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Own(new SecretsCleanup(_secrets));
    }

    private async Task<(int Exit, string Output)> RunAsync(string input, params string[] args)
    {
        await using var scope = Control.Services.CreateAsyncScope();
        var output = new StringWriter();
        var exit = await scope.ServiceProvider.GetRequiredService<ConfigureCommand>()
            .RunAsync(args, new StringReader(input), output, interactive: input.Length > 0, CancellationToken.None);
        return (exit, output.ToString());
    }

    private async Task<RouterConfig> RouterConfigAsync() =>
        Read<RouterConfig>(await JsonAsync(await Control.Internal().GetAsync("/v1/internal/router-config")));

    [Theory]
    [InlineData("https://llm.example.com/v1", "https://llm.example.com")]
    [InlineData("https://llm.example.com/v1/", "https://llm.example.com")]
    [InlineData(" https://llm.example.com/ ", "https://llm.example.com")]
    [InlineData("https://llm.example.com", "https://llm.example.com")]
    [InlineData("http://10.0.0.5:4000/litellm/V1", "http://10.0.0.5:4000/litellm")]
    public void An_endpoint_is_taken_with_or_without_v1(string given, string stored) =>
        Assert.Equal(stored, RemoteEndpoint.Normalise(given));

    [Fact]
    public async Task Configure_points_the_remote_backend_at_the_endpoint_and_writes_the_key_as_a_secret()
    {
        await using var remote = await FakeRemoteEndpoint.StartAsync(Key, "coder-large", "grok-3-mini");

        var (exit, output) = await RunAsync("", "--endpoint", remote.Url + "/v1", "--api-key", Key,
            "--model-coding", "coder-large", "--model-general", "grok-3-mini");
        Assert.True(exit == 0, output);

        var config = await RouterConfigAsync();
        Assert.Equal(2, config.Version);
        var cloud = Assert.Single(config.Backends, b => b.Name == "cloud");
        Assert.Equal(remote.Url, cloud.Url);
        Assert.Equal("REMOTE_API_KEY", cloud.ApiKeySecret);
        Assert.Equal("coder-large", config.Auto.Domains["coding"]);
        Assert.Equal("grok-3-mini", config.Auto.Domains["general"]);
        Assert.Equal("cloud", Assert.Single(config.Models, m => m.Id == "grok-3-mini").Targets.Single().Backend);
        Assert.Equal(Key, await File.ReadAllTextAsync(KeyFile));
        Assert.Contains("/v1/models", remote.Paths);
        Assert.DoesNotContain(Key, await (await Control.Admin().GetAsync("/v1/admin/config")).Content.ReadAsStringAsync());

        var (printExit, printed) = await RunAsync("", "--print");
        Assert.Equal(0, printExit);
        Assert.Contains("url: " + remote.Url, printed);
    }

    [Fact]
    public async Task A_wrong_key_or_a_model_the_endpoint_does_not_serve_is_refused_before_anything_is_written()
    {
        await using var remote = await FakeRemoteEndpoint.StartAsync(Key, "grok-3-mini");

        var (wrongKey, refusal) = await RunAsync("", "--endpoint", remote.Url, "--api-key", "sk-wrong",
            "--model-coding", "grok-3-mini", "--model-general", "grok-3-mini");
        Assert.Equal(1, wrongKey);
        Assert.Contains("401", refusal);
        Assert.Contains("check the API key", refusal);

        var (unknownModel, missing) = await RunAsync("", "--endpoint", remote.Url, "--api-key", Key,
            "--model-coding", "coder-large", "--model-general", "grok-3-mini");
        Assert.Equal(1, unknownModel);
        Assert.Contains("does not list coder-large", missing);

        Assert.False(File.Exists(KeyFile));
        Assert.Equal(1, (await RouterConfigAsync()).Version);
    }

    [Fact]
    public async Task Without_a_probe_or_a_key_file_only_the_config_is_stored()
    {
        var (exit, output) = await RunAsync("", "--endpoint=https://unreachable.invalid/v1", "--api-key=sk-x",
            "--model-coding=qwen2.5-coder-7b-instruct", "--model-general=llama-3.1-8b-instruct", "--no-probe", "--no-key-file");

        Assert.True(exit == 0, output);
        Assert.Contains("stored by the caller as secret REMOTE_API_KEY", output);
        Assert.False(File.Exists(KeyFile));
        Assert.Equal("https://unreachable.invalid", Assert.Single((await RouterConfigAsync()).Backends, b => b.Name == "cloud").Url);
    }

    [Fact]
    public async Task Configure_asks_for_missing_values_and_refuses_an_invalid_endpoint()
    {
        var (exit, output) = await RunAsync("not a url\nsk-x\nqwen2.5-coder-7b-instruct\nllama-3.1-8b-instruct\n");
        Assert.Equal(1, exit);
        Assert.Contains("endpoint: ", output);
        Assert.Contains("not an absolute http(s) URL", output);
        Assert.False(File.Exists(KeyFile));
        Assert.Equal(1, (await RouterConfigAsync()).Version);

        var (missing, message) = await RunAsync("", "--endpoint", "http://x");
        Assert.Equal(2, missing);
        Assert.Contains("--api-key is required", message);

        var (unknown, usage) = await RunAsync("", "--endpoints", "http://x");
        Assert.Equal(2, unknown);
        Assert.Contains("unknown option '--endpoints'", usage);
    }

    private sealed class SecretsCleanup(string directory) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            return ValueTask.CompletedTask;
        }
    }
}
