using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HybridInference.Contracts;
using HybridInference.Contracts.Configuration;
using HybridInference.Control.Tests.Infrastructure;
using StackExchange.Redis;

namespace HybridInference.Control.Tests.RouterConfiguration;

public sealed partial class ConfigApiTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Control:SeedConfigFile"] = RouterYamlPath };

    private async Task<(RouterConfig Config, string ETag)> RouterConfigAsync(ControlFactory control)
    {
        var response = await control.Internal().GetAsync("/v1/internal/router-config");
        var config = Read<RouterConfig>(await JsonAsync(response));
        return (config, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Seed_file_becomes_version_1_served_to_the_router_with_an_etag()
    {
        var (config, etag) = await RouterConfigAsync(Control);
        Assert.Equal(1, config.Version);
        Assert.Equal("\"1\"", etag);
        Assert.Equal(RouterConfigYaml.Parse(await File.ReadAllTextAsync(RouterYamlPath)) with { Version = 1 }, config with { }, new RouterConfigComparer());

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/internal/router-config");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        var notModified = await Control.Internal().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Router_config_is_404_until_a_version_exists()
    {
        await using var empty = new ControlFactory(await Postgres.CreateDatabaseAsync("noconfig"));
        Assert.Equal(HttpStatusCode.NotFound, (await empty.Internal().GetAsync("/v1/internal/router-config")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await empty.Admin().GetAsync("/v1/admin/config")).StatusCode);
    }

    [Fact]
    public async Task Catalog_edits_make_new_versions_announced_on_redis_and_invalid_ones_are_refused()
    {
        await using var redisServer = await RedisServer.StartAsync();
        await using var control = new ControlFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Control:SeedConfigFile"] = RouterYamlPath,
            ["ConnectionStrings:redis"] = redisServer.ConnectionString,
        });
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var messages = new List<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("hybrid:changes"), (_, m) => { lock (messages) { messages.Add(m!); } });
        var admin = control.Admin();

        var put = await JsonAsync(await PutJsonAsync(admin, "/v1/admin/models/mistral-7b", new
        {
            name = "Mistral 7B", context_length = 32768, max_output_length = 4096, quantization = "fp8",
            supported_parameters = new[] { "temperature", "top_p" }, datacenters = new[] { "DE" },
            pricing = new { prompt = 0.0000002m, completion = 0.0000004m },
            targets = new[] { new { backend = "vllm-general" } },
        }));
        Assert.Equal(2, (long)put["version"]!);
        await JsonAsync(await PutJsonAsync(admin, "/v1/admin/routes/local/mistral", new { candidates = new[] { "mistral-7b" } }));
        await JsonAsync(await PutJsonAsync(admin, "/v1/admin/backends/vllm-extra", new { name = "vllm-extra", url = "http://vllm-extra", max_concurrency = 8 }));
        var (config, etag) = await RouterConfigAsync(control);
        Assert.Equal("\"4\"", etag);
        Assert.Contains(config.Models, m => m.Id == "mistral-7b" && m.Pricing.Prompt == 0.0000002m);
        Assert.Contains(config.Routes, r => r.Name == "local/mistral");
        Assert.Contains(config.Backends, b => b.Name == "vllm-extra" && b.MaxConcurrency == 8);

        // A route to a model that does not exist, a backend in use, an over-long id: refused, no version written.
        Assert.Equal(HttpStatusCode.BadRequest, (await PutJsonAsync(admin, "/v1/admin/routes/broken", new { candidates = new[] { "nope" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync("/v1/admin/backends/cloud")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutJsonAsync(admin, "/v1/admin/models/" + new string('m', 201), new { targets = new[] { new { backend = "cloud" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/v1/admin/routes/never-was")).StatusCode);
        Assert.Equal("\"4\"", (await RouterConfigAsync(control)).ETag);

        await JsonAsync(await admin.DeleteAsync("/v1/admin/routes/local/mistral"));
        Assert.DoesNotContain((await RouterConfigAsync(control)).Config.Routes, r => r.Name == "local/mistral");

        var versions = (await JsonAsync(await admin.GetAsync("/v1/admin/config/versions"))).AsArray();
        Assert.Equal([5L, 4L, 3L, 2L, 1L], versions.Select(v => (long)v!["version"]!));
        await Eventually.TrueAsync(() => { lock (messages) { return Task.FromResult(messages.Count >= 5); } }, "config announcements");
        lock (messages)
        {
            Assert.Equal(["config:1", "config:2", "config:3", "config:4", "config:5"], messages);
        }
        var audit = (await JsonAsync(await admin.GetAsync("/v1/admin/audit?entity=model"))).AsArray();
        Assert.Contains(audit, a => (string?)a!["entity_id"] == "mistral-7b");
    }

    [Fact]
    public async Task Whole_config_can_be_replaced_as_yaml_restored_and_bad_bodies_are_400()
    {
        var admin = Control.Admin();
        var yaml = (await File.ReadAllTextAsync(RouterYamlPath)).Replace("classifier_timeout_ms: 50", "classifier_timeout_ms: 75")
            .Replace("jailbreak_action: block", "jailbreak_threshold: 0.7\n  jailbreak_action: block");
        var replaced = await JsonAsync(await admin.PutAsync("/v1/admin/config", new StringContent(yaml, Encoding.UTF8, "application/yaml")));
        Assert.Equal(2, (long)replaced["version"]!);
        Assert.Equal(75, (int)(await JsonAsync(await admin.GetAsync("/v1/admin/config")))["config"]!["auto"]!["classifier_timeout_ms"]!);
        Assert.Equal(0.7, (await RouterConfigAsync(Control)).Config.Guard.JailbreakThreshold);

        var restored = await JsonAsync(await admin.PostAsync("/v1/admin/config/versions/1/restore", null));
        Assert.Equal(3, (long)restored["version"]!);
        Assert.Equal(50, (await RouterConfigAsync(Control)).Config.Auto.ClassifierTimeoutMs);
        // Version 1 sets no threshold: the guard model's own verdict applies again.
        Assert.Null((await RouterConfigAsync(Control)).Config.Guard.JailbreakThreshold);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/v1/admin/config", new StringContent("{\"backends\": [", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/v1/admin/config", new StringContent("backends: [", Encoding.UTF8, "application/yaml"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/v1/admin/config/versions/99/restore", null)).StatusCode);
    }

    /// <summary>The seed file with every gateway-policy, locality and cache field set away from its default.</summary>
    private static async Task<RouterConfig> GatewayConfigAsync()
    {
        var config = RouterConfigYaml.Parse(await File.ReadAllTextAsync(RouterYamlPath));
        return config with
        {
            Guard = config.Guard with { Mode = GuardMode.AutoOnly, OnClassifierUnavailable = ClassifierUnavailablePolicy.Closed },
            Routes = [.. config.Routes.Select(r => r.Name == "chat-fast"
                ? r with { Locality = BackendLocality.Local, Guard = GuardMode.Off, OnClassifierUnavailable = ClassifierUnavailablePolicy.Closed }
                : r)],
            Models = [.. config.Models.Select(m => m.Id == "llama-3.1-8b-instruct" ? m with { Locality = BackendLocality.Local } : m)],
            Cache = new ResponseCacheConfig { Enabled = false, TtlSeconds = 42, MaxEntries = 123, MaxEntryBytes = 4096, HitPrice = 0.0025m },
        };
    }

    // A config version is assembled from the catalog tables on every change: an unrelated edit after the first version
    // shows whether the tables kept the fields.
    private async Task<RouterConfig> AfterAnUnrelatedEditAsync(ControlFactory control)
    {
        var admin = control.Admin();
        await JsonAsync(await PutJsonAsync(admin, "/v1/admin/backends/vllm-extra", new { name = "vllm-extra", url = "http://vllm-extra", max_concurrency = 8 }));
        await JsonAsync(await admin.DeleteAsync("/v1/admin/backends/vllm-extra"));
        return (await RouterConfigAsync(control)).Config;
    }

    [Fact]
    public async Task Gateway_policy_locality_and_cache_seeded_from_yaml_reach_the_router_after_later_edits()
    {
        var expected = await GatewayConfigAsync();
        var seed = Path.Combine(Path.GetTempPath(), $"router-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(seed, RouterConfigYaml.Write(expected));
        try
        {
            await using var control = new ControlFactory(await Postgres.CreateDatabaseAsync("gatewayseed"), new Dictionary<string, string?> { ["Control:SeedConfigFile"] = seed });
            var served = await AfterAnUnrelatedEditAsync(control);
            Assert.Equal(3, served.Version);
            Assert.Equal(expected with { Version = 3 }, served, new RouterConfigComparer());
        }
        finally
        {
            File.Delete(seed);
        }
    }

    [Fact]
    public async Task Gateway_policy_locality_and_cache_put_as_json_reach_the_router_after_later_edits()
    {
        var expected = await GatewayConfigAsync();
        var admin = Control.Admin();
        await JsonAsync(await admin.PutAsync("/v1/admin/config", new StringContent(RouterConfigStoreJson(expected), Encoding.UTF8, "application/json")));
        var served = await AfterAnUnrelatedEditAsync(Control);
        Assert.Equal(expected with { Version = 4 }, served, new RouterConfigComparer());
        Assert.Equal(0.0025m, (decimal)(await JsonAsync(await admin.GetAsync("/v1/admin/config")))["config"]!["cache"]!["hit_price"]!);
    }

    [Fact]
    public async Task Route_and_model_edits_keep_their_locality_and_guard_overrides()
    {
        var admin = Control.Admin();
        await JsonAsync(await PutJsonAsync(admin, "/v1/admin/routes/chat-private", new
        {
            candidates = new[] { "llama-3.1-8b-instruct" }, locality = "local", guard = "all", on_classifier_unavailable = "closed",
        }));
        var model = await JsonAsync(await admin.GetAsync("/v1/admin/models/qwen2.5-coder-7b-instruct"));
        model["locality"] = "local";
        await JsonAsync(await admin.PutAsync("/v1/admin/models/qwen2.5-coder-7b-instruct", new StringContent(model.ToJsonString(), Encoding.UTF8, "application/json")));

        var served = await AfterAnUnrelatedEditAsync(Control);
        var route = Assert.Single(served.Routes, r => r.Name == "chat-private");
        Assert.Equal((BackendLocality?)BackendLocality.Local, route.Locality);
        Assert.Equal((GuardMode?)GuardMode.All, route.Guard);
        Assert.Equal((ClassifierUnavailablePolicy?)ClassifierUnavailablePolicy.Closed, route.OnClassifierUnavailable);
        Assert.Equal((BackendLocality?)BackendLocality.Local, served.Models.Single(m => m.Id == "qwen2.5-coder-7b-instruct").Locality);
        Assert.Equal("local", (string?)(await JsonAsync(await admin.GetAsync("/v1/admin/models/qwen2.5-coder-7b-instruct")))["locality"]);

        // A model marked local whose targets are all remote is refused as a whole config would be.
        var remoteOnly = await JsonAsync(await admin.GetAsync("/v1/admin/models/gpt-4o-mini"));
        remoteOnly["locality"] = "local";
        var refused = await admin.PutAsync("/v1/admin/models/gpt-4o-mini", new StringContent(remoteOnly.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutJsonAsync(admin, "/v1/admin/routes/chat-private", new { candidates = new[] { "bge-m3" }, guard = "sometimes" })).StatusCode);
    }

    private static string RouterConfigStoreJson(RouterConfig config) => System.Text.Json.JsonSerializer.Serialize(config, ContractJson.Options);

    /// <summary>Records with list members compare by reference; this compares the config as contract JSON.</summary>
    private sealed partial class RouterConfigComparer : IEqualityComparer<RouterConfig>
    {
        public bool Equals(RouterConfig? x, RouterConfig? y) => Json(x!) == Json(y!);

        // Rules come back ordered by domain; their order carries no meaning. Prices come back at the columns' scale
        // (0.0025 as 0.0025000000): equal decimals, so numbers are compared without trailing zeros.
        private static string Json(RouterConfig c) => TrailingZeros().Replace(System.Text.Json.JsonSerializer.Serialize(
            c with { Auto = c.Auto with { Domains = new SortedDictionary<string, string>(c.Auto.Domains.ToDictionary(), StringComparer.Ordinal) } },
            ContractJson.Options), "$1$2");

        public int GetHashCode(RouterConfig obj) => 0;

        // 0.0025000000 → 0.0025, 0.0000000000 → 0; 0.25 and 50 stay as they are.
        [System.Text.RegularExpressions.GeneratedRegex(@"(:-?\d+)(?:(\.\d*?[1-9])0+|\.0+)(?=[,}\]])")]
        private static partial System.Text.RegularExpressions.Regex TrailingZeros();
    }
}
