using System.Globalization;
using System.Net.Http.Headers;
using HybridInference.Contracts.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>
/// A Router with everything around it: two local engines (<c>alpha</c>, <c>beta</c>), a remote API (<c>cloud</c>,
/// requires its own key), a classifier and, when asked, Control. Routing config is a YAML file in a temp folder.
/// </summary>
public sealed class TestFabric : IAsyncDisposable
{
    public const string DevKey = "sk-dev-test";
    public const string CloudKey = "cloud-secret";
    public const string AdminToken = "admin-test-token";

    private readonly List<RouterHost> _routers = [];

    public required FakeBackend Alpha { get; init; }
    public required FakeBackend Beta { get; init; }
    public required FakeBackend Cloud { get; init; }
    public required FakeClassifier Classifier { get; init; }
    public FakeControl? Control { get; init; }
    public required string Directory { get; init; }
    public required FabricOptions Options { get; init; }

    public string ConfigPath => Path.Combine(Directory, "router.yaml");

    public string SpoolDirectory => Path.Combine(Directory, "spool");

    public static async Task<TestFabric> StartAsync(FabricOptions? options = null)
    {
        options ??= new FabricOptions();
        var directory = Path.Combine(Path.GetTempPath(), "router-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var fabric = new TestFabric
        {
            Alpha = await FakeBackend.StartAsync("alpha"),
            Beta = await FakeBackend.StartAsync("beta"),
            Cloud = await FakeBackend.StartAsync("cloud", CloudKey),
            Classifier = await FakeClassifier.StartAsync(),
            Control = options.WithControl ? await FakeControl.StartAsync() : null,
            Directory = directory,
            Options = options,
        };
        await File.WriteAllTextAsync(fabric.ConfigPath, fabric.Yaml());
        return fabric;
    }

    /// <summary>
    /// Replaces the routing config file in one step (written aside, then renamed over it), as a deploy does: a reload
    /// triggered half-way through a plain rewrite would read half a file.
    /// </summary>
    public async Task ReplaceConfigAsync(string yaml)
    {
        var staged = ConfigPath + ".new";
        await File.WriteAllTextAsync(staged, yaml);
        File.Move(staged, ConfigPath, overwrite: true);
    }

    // The guard model's own verdict decides unless a test sets a probability threshold.
    private string JailbreakThresholdLine => Options.JailbreakThreshold is { } threshold
        ? string.Create(CultureInfo.InvariantCulture, $"\n  jailbreak_threshold: {threshold}")
        : "";

    public string Yaml(int version = 0) => $$"""
        backends:
          - name: alpha
            url: {{Alpha.Url}}
            locality: local
            max_concurrency: {{Options.AlphaMaxConcurrency}}
          - name: beta
            url: {{Beta.Url}}
            locality: local
            supports_continuation: true
          - name: cloud
            url: {{Cloud.Url}}
            kind: openai
            locality: remote
            api_key_secret: CLOUD_API_KEY
        models:
          - id: general-model
            max_output_length: 100
            pricing: { prompt: 0.001, completion: 0.002 }
            targets:
              - backend: alpha
              - backend: cloud
                upstream_model: cloud-general
          - id: coder-model
            targets:
              - backend: beta
          - id: pair-model
            targets:
              - backend: alpha
              - backend: beta
          - id: cloud-model
            targets:
              - backend: cloud
          - id: private-model
            locality: local
            targets:
              - backend: alpha
              - backend: cloud
          - id: embed-model
            kind: embedding
            targets:
              - backend: alpha
        routes:
          - name: chat-fast
            candidates: [general-model, cloud-model]
          - name: local/chat
            candidates: [general-model]
          - name: relay
            candidates: [coder-model, pair-model]
          - name: chat-strict
            candidates: [general-model, cloud-model]
            on_classifier_unavailable: closed
          - name: chat-unguarded
            candidates: [general-model, cloud-model]
            guard: off
          - name: kept-local
            candidates: [general-model, cloud-model]
            locality: local
        auto:
          default_route: chat-fast
          classifier_timeout_ms: {{Options.ClassifierTimeoutMs}}
          domains:
            coding: coder-model
            general: chat-fast
        guard:{{JailbreakThresholdLine}}
          mode: {{Options.GuardMode}}
          on_classifier_unavailable: {{Options.OnClassifierUnavailable}}
          jailbreak_action: {{Options.JailbreakAction}}
          pii_action: {{Options.PiiAction}}
        """ + (version > 0 ? $"\nversion: {version}\n" : "");

    /// <summary>Starts a Router replica; extra settings override the defaults.</summary>
    public RouterHost StartRouter(IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Router:ConfigFile"] = ConfigPath,
            ["Router:DevKey"] = DevKey,
            ["Router:AdminToken"] = AdminToken,
            ["Router:InternalToken"] = FakeControl.InternalToken,
            ["Router:UsageSpoolDirectory"] = SpoolDirectory,
            ["Router:UsageFlushMilliseconds"] = "20",
            ["Router:ProbeIntervalSeconds"] = "0",
            ["Router:EdgeRequestsPerSecond"] = "0",
            ["CLOUD_API_KEY"] = CloudKey,
            ["services:classifier:http:0"] = Classifier.Url,
        };
        if (Control is not null)
        {
            settings["services:control:http:0"] = Control.Url;
            settings["Router:ConfigSource"] = "file";
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var router = new RouterHost(settings, services);
        _ = router.Server;
        _routers.Add(router);
        return router;
    }

    /// <summary>A key known to Control with the given policy.</summary>
    public string AddKey(KeyPolicy policy)
    {
        var key = "sk-hi-" + Guid.NewGuid().ToString("N");
        Control!.SetKey(key, policy);
        return key;
    }

    public static HttpClient Raw(RouterHost router, string? key = DevKey)
    {
        var client = router.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var router in _routers)
        {
            await router.DisposeAsync();
        }
        await Alpha.DisposeAsync();
        await Beta.DisposeAsync();
        await Cloud.DisposeAsync();
        await Classifier.DisposeAsync();
        if (Control is not null)
        {
            await Control.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping host; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>How a <see cref="TestFabric"/> is set up.</summary>
public sealed record FabricOptions
{
    public bool WithControl { get; init; }
    public int ClassifierTimeoutMs { get; init; } = 10_000;
    public string JailbreakAction { get; init; } = "block";
    /// <summary>Unset: the guard model's own verdict decides.</summary>
    public double? JailbreakThreshold { get; init; }
    public string PiiAction { get; init; } = "local_only";
    public string GuardMode { get; init; } = "all";
    public string OnClassifierUnavailable { get; init; } = "open";
    public int AlphaMaxConcurrency { get; init; } = 64;
}
