using HybridInference.Contracts.Configuration;

namespace HybridInference.Contracts.Tests.Configuration;

public sealed class GatewayPolicyConfigTests
{
    private const string Base = """
        backends:
          - { name: engine, url: http://engine, locality: local }
          - { name: cloud, url: http://cloud, kind: openai, locality: remote }
        models:
          - id: remote-only
            targets: [{ backend: cloud }]
          - id: mixed
            targets: [{ backend: engine }, { backend: cloud }]
        auto: { default_route: mixed }
        """;

    [Fact]
    public void Guard_modes_and_classifier_policies_read_per_config_and_route()
    {
        var config = RouterConfigYaml.Parse(Base + """

            routes:
              - { name: strict, candidates: [mixed], guard: auto_only, on_classifier_unavailable: closed }
            guard: { mode: off, on_classifier_unavailable: closed }
            cache: { ttl_seconds: 60, hit_price: 0.001 }
            """);

        Assert.Empty(RouterConfigValidator.Validate(config));
        Assert.Equal(GuardMode.Off, config.Guard.Mode);
        Assert.Equal(ClassifierUnavailablePolicy.Closed, config.Guard.OnClassifierUnavailable);
        Assert.Equal(GuardMode.AutoOnly, config.Routes[0].Guard);
        Assert.Equal(60, config.Cache.TtlSeconds);
        Assert.Equal(0.001m, config.Cache.HitPrice);
    }

    [Fact]
    public void Defaults_guard_every_request_and_pass_it_marked_while_the_classifier_is_away()
    {
        var config = RouterConfigYaml.Parse(Base);

        Assert.Equal(GuardMode.All, config.Guard.Mode);
        Assert.Equal(ClassifierUnavailablePolicy.Open, config.Guard.OnClassifierUnavailable);
        Assert.True(config.Cache.Enabled);
        Assert.Equal(0m, config.Cache.HitPrice);
    }

    [Fact]
    public void A_local_route_or_model_without_a_local_target_is_refused()
    {
        var config = RouterConfigYaml.Parse(Base.Replace("  - id: remote-only\n", "  - id: remote-only\n    locality: local\n") + """

            routes:
              - { name: private, candidates: [remote-only], locality: local }
              - { name: local/legacy, candidates: [remote-only] }
            """);

        var errors = RouterConfigValidator.Validate(config);

        Assert.Contains("model 'remote-only': locality is local but it has no local target", errors);
        Assert.Contains("route 'private': it is local but none of its candidates has a local target", errors);
        Assert.Contains("route 'local/legacy': it is local but none of its candidates has a local target", errors);
    }

    [Fact]
    public void Cache_bounds_must_be_positive_and_its_price_not_negative()
    {
        var errors = RouterConfigValidator.Validate(RouterConfigYaml.Parse(Base + "\ncache: { ttl_seconds: 0, hit_price: -1 }\n"));

        Assert.Contains("cache: ttl_seconds, max_entries and max_entry_bytes must be positive", errors);
        Assert.Contains("cache: hit_price must not be negative", errors);
    }
}
