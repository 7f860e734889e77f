using HybridInference.Contracts.Configuration;
using YamlDotNet.Core;

namespace HybridInference.Contracts.Tests.Configuration;

public sealed class RouterConfigYamlTests
{
    private static RouterConfig FabricConfig() =>
        RouterConfigYaml.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "router.yaml")));

    [Fact]
    public void Fabric_config_parses_and_is_valid()
    {
        var config = FabricConfig();

        Assert.Empty(RouterConfigValidator.Validate(config));
        Assert.Equal(3, config.Backends.Count);
        Assert.Equal(BackendLocality.Remote, config.Backends.Single(b => b.Name == "cloud").Locality);
        Assert.Equal("CLOUD_API_KEY", config.Backends.Single(b => b.Name == "cloud").ApiKeySecret);
        Assert.Equal(0.0000003m, config.Models.Single(m => m.Id == "llama-3.1-8b-instruct").Pricing.Completion);
        Assert.Equal("qwen2.5-coder-7b-instruct", config.Auto.Domains["coding"]);
        Assert.Equal(PiiAction.LocalOnly, config.Guard.PiiAction);
    }

    [Fact]
    public void Yaml_round_trips()
    {
        var config = FabricConfig();

        var again = RouterConfigYaml.Parse(RouterConfigYaml.Write(config));

        Assert.Equal(RouterConfigYaml.Write(config), RouterConfigYaml.Write(again));
        Assert.Equal(config.Routes.Select(r => r.Name), again.Routes.Select(r => r.Name));
    }

    [Fact]
    public void An_empty_config_is_not_valid()
    {
        var errors = RouterConfigValidator.Validate(RouterConfigYaml.Parse(""));

        Assert.Contains("no backends are defined", errors);
        Assert.Contains("no models are defined", errors);
    }

    [Fact]
    public void Validator_names_every_broken_reference()
    {
        var config = FabricConfig() with
        {
            Routes = [new RouteConfig { Name = "chat-fast", Candidates = ["no-such-model"] }],
            Auto = new AutoRoutingConfig { DefaultRoute = "missing", Domains = new Dictionary<string, string> { ["coding"] = "gone" } },
            Backends = [.. FabricConfig().Backends, new BackendConfig { Name = "cloud", Url = "not a url" }],
        };

        var errors = RouterConfigValidator.Validate(config);

        Assert.Contains(errors, e => e.Contains("'no-such-model'"));
        Assert.Contains(errors, e => e.Contains("default_route 'missing'"));
        Assert.Contains(errors, e => e.Contains("domain 'coding'"));
        Assert.Contains(errors, e => e.Contains("backend 'cloud' is defined twice"));
        Assert.Contains(errors, e => e.Contains("'not a url'"));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_its_line()
    {
        var ex = Assert.Throws<YamlException>(() => RouterConfigYaml.Parse("backends:\n  - name: a\n    url: http://a\n    max_concurrency: many\n"));

        Assert.Equal(4, ex.Start.Line);
        Assert.Contains("backends[0].max_concurrency", ex.Message);
    }

    [Fact]
    public void A_misspelt_key_is_an_error()
    {
        var ex = Assert.Throws<YamlException>(() => RouterConfigYaml.Parse("backends:\n  - name: a\n    url: http://a\n    max_concurency: 4\n"));

        Assert.Equal(4, ex.Start.Line);
        Assert.Contains("max_concurency", ex.Message);
    }

    [Fact]
    public void Text_that_reads_as_a_boolean_or_null_is_quoted_and_numbers_stay_numbers()
    {
        var config = new RouterConfig { Backends = [new BackendConfig { Name = "true", Url = "null", MaxConcurrency = 7 }] };

        var yaml = RouterConfigYaml.Write(config);
        var again = RouterConfigYaml.Parse(yaml).Backends.Single();

        Assert.Contains("max_concurrency: 7", yaml);
        Assert.Equal(("true", "null", 7), (again.Name, again.Url, again.MaxConcurrency));
    }

    [Fact]
    public void Shared_values_are_written_out_in_full_without_anchors_or_an_end_marker()
    {
        var pricing = new ModelPricing { Prompt = 0.5m };
        var config = new RouterConfig { Models = [new ModelConfig { Id = "a", Pricing = pricing }, new ModelConfig { Id = "b", Pricing = pricing }] };

        var yaml = RouterConfigYaml.Write(config);

        Assert.Equal(2, yaml.Split("prompt: 0.5").Length - 1);
        Assert.DoesNotContain("&", yaml);
        Assert.DoesNotContain("...", yaml);
    }
}
