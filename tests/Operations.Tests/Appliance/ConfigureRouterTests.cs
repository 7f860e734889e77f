using HybridInference.Contracts.Configuration;

namespace HybridInference.Operations.Tests.Appliance;

/// <summary>The router.yaml that <c>configure-router</c> writes in slim mode is a config the Router takes.</summary>
public sealed class ConfigureRouterTests
{
    private static Task<string> PrintConfigAsync(params string[] args) =>
        CommandLine.SucceedAsync("bash", ["deploy/appliance/configure-router", "--print-config", "--api-key", "sk-remote", .. args]);

    [Fact]
    public async Task Slim_config_passes_the_routers_own_validation_and_routes_auto_to_the_remote_models()
    {
        var yaml = await PrintConfigAsync("--endpoint", "https://api.example.com/v1/", "--model-coding", "coder-x", "--model-general", "chat-y");

        var config = RouterConfigYaml.Parse(yaml);

        Assert.Empty(RouterConfigValidator.Validate(config));
        var remote = Assert.Single(config.Backends);
        Assert.Equal(("https://api.example.com", BackendLocality.Remote, "REMOTE_API_KEY"), (remote.Url, remote.Locality, remote.ApiKeySecret));
        Assert.Equal("coder-x", config.Auto.Domains["coding"]);
        Assert.Equal("chat-y", config.Auto.Domains["general"]);
        Assert.All(config.Models, m => Assert.Equal("remote", Assert.Single(m.Targets).Backend));
        Assert.DoesNotContain("sk-remote", yaml);
    }

    [Fact]
    public async Task One_model_for_both_domains_is_listed_once()
    {
        var config = RouterConfigYaml.Parse(await PrintConfigAsync("--endpoint", "http://10.0.0.5:4000", "--model-coding", "grok-3", "--model-general", "grok-3"));

        Assert.Empty(RouterConfigValidator.Validate(config));
        Assert.Equal("grok-3", Assert.Single(config.Models).Id);
    }
}
