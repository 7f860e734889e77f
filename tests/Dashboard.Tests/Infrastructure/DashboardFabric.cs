using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Dashboard.Tests.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real AppHost with every resource as a local process (as tests/Fabric.Tests runs it), in a throw-away state
/// folder on random ports, plus Debian's Chromium driven by Playwright. Started once for all browser tests.
/// </summary>
public sealed class DashboardFabric : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    /// <summary>Debian's build: Playwright's own browser download cannot work here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private readonly string _state = Directory.CreateTempSubdirectory("hybrid-dashboard-").FullName;
    private DistributedApplication? _app;
    private OtlpSink? _otlp;
    private TestOidcProvider? _oidc;
    private IPlaywright? _playwright;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The fabric has not started.");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The admin token from <c>run.json</c>.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>The local dev key from <c>run.json</c>.</summary>
    public string DevKey { get; private set; } = "";

    public Uri DashboardUrl => App.GetEndpoint("dashboard", "http");

    public Uri RouterUrl => App.GetEndpoint("router", "http");

    /// <summary>What trace links point at (the Aspire dashboard is off in tests).</summary>
    public const string TracesUrl = "http://aspire-dashboard.test";

    /// <summary>The group the Dashboard's OIDC sign-in asks for.</summary>
    public const string AdminsGroup = "hybrid-admins";

    /// <summary>An operator at the test identity provider: in <see cref="AdminsGroup"/>.</summary>
    public static readonly TestUser Operator = new("u-alice", "Alice Operator", "alice@example.test", [AdminsGroup, "staff"]);

    /// <summary>A valid user of the test identity provider who is not an operator.</summary>
    public static readonly TestUser Developer = new("u-bob", "Bob Developer", "bob@example.test", ["developers"]);

    public async Task InitializeAsync()
    {
        // The service user must reach the PostgreSQL data under the private temporary folder.
        File.SetUnixFileMode(_state, (UnixFileMode)0b111_101_101);
        _otlp = await OtlpSink.StartAsync();
        _oidc = await TestOidcProvider.StartAsync(Operator, Developer);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Fabric:StateDirectory={_state}", "--Fabric:FixedPorts=false", "--Fabric:ContainerRuntime=none"],
            (options, _) => options.DisableDashboard = true);
        foreach (var name in new[] { "router", "control", "dashboard" })
        {
            builder.CreateResourceBuilder<ProjectResource>(name).WithEnvironment(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = _otlp.Url;
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            });
        }
        builder.CreateResourceBuilder<ProjectResource>("dashboard")
            .WithEnvironment("Dashboard__TracesUrl", TracesUrl)
            .WithEnvironment("Dashboard__SampleSeconds", "1")
            .WithEnvironment("Dashboard__Oidc__Authority", _oidc.Issuer)
            .WithEnvironment("Dashboard__Oidc__ClientId", TestOidcProvider.ClientId)
            .WithEnvironment("Dashboard__Oidc__ClientSecret", TestOidcProvider.ClientSecret)
            .WithEnvironment("Dashboard__Oidc__AdminValue", AdminsGroup);
        _app = await builder.BuildAsync();

        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        var run = await ReadRunFileAsync(timeout.Token);
        AdminToken = run.GetProperty("adminToken").GetString()!;
        DevKey = run.GetProperty("devKey").GetString()!;

        await GiveTheClassifierAGenerousBudgetAsync();

        // The fabric shares two cores with other work: a page may take a while to show what it read.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keeps it from reaching out to Google's services.
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_otlp is not null)
        {
            await _otlp.DisposeAsync();
        }
        if (_oidc is not null)
        {
            await _oidc.DisposeAsync();
        }
        Directory.Delete(_state, recursive: true);
    }

    /// <summary>A fresh browser context (its own cookies) at 1280×800, or at the given size.</summary>
    public async Task<DashboardPage> OpenAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = DashboardUrl.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return new DashboardPage(this, context, await context.NewPageAsync());
    }

    /// <summary>A fresh tab signed in with the admin token, on <paramref name="path"/> once it is live.</summary>
    public async Task<DashboardPage> OpenSignedInAsync(string path, int width = 1280, int height = 800)
    {
        var tab = await OpenAsync(width, height);
        await tab.SignInAsync(path: path);
        await tab.GotoAsync(path);
        return tab;
    }

    /// <summary>Waits until the Router uses config <paramref name="version"/> or a newer one.</summary>
    public async Task WaitForRouterConfigAsync(long version)
    {
        using var router = CreateRouterAdminClient();
        await Poll.UntilAsync(async () =>
            (await router.GetFromJsonAsync<JsonElement>("/v1/operations/config")).GetProperty("version").GetInt64() >= version ? "taken" : null,
            $"the Router to take config version {version}");
    }

    /// <summary>Saves a change through Control's admin API and waits until the Router uses the version it made.</summary>
    public async Task<long> ChangeConfigAsync(Func<HttpClient, Task<HttpResponseMessage>> change)
    {
        using var control = CreateAdminClient();
        using var saved = await change(control);
        saved.EnsureSuccessStatusCode();
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        await WaitForRouterConfigAsync(version);
        return version;
    }

    // The production budget (50 ms) sends `auto` to the default route, unclassified, when the loaded machine is slow to
    // answer; the tests look at what the classifier said, so time must not decide it.
    private Task GiveTheClassifierAGenerousBudgetAsync() => ChangeConfigAsync(async control =>
    {
        var routing = JsonNode.Parse(await control.GetStringAsync("/v1/admin/routes"))!;
        routing["auto"]!["classifier_timeout_ms"] = 10_000;
        return await control.PutAsJsonAsync("/v1/admin/routes", routing);
    });

    /// <summary>An HttpClient for Control's admin API with the admin token.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = App.CreateHttpClient("control", "http");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>An HttpClient for the Router's operations API with the admin token.</summary>
    public HttpClient CreateRouterAdminClient()
    {
        var client = App.CreateHttpClient("router", "http");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>Sends a short chat through the Router with the given key and returns the response (headers say where it went).</summary>
    public async Task<HttpResponseMessage> ChatAsync(string key, string model, string prompt = "Say hello")
    {
        using var router = App.CreateHttpClient("router", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { model, messages = new[] { new { role = "user", content = prompt } }, max_tokens = 16 }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await router.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The OpenAI SDK pointed at the Router with the given key.</summary>
    public OpenAI.OpenAIClient OpenAi(string key) => new(new System.ClientModel.ApiKeyCredential(key),
        new OpenAI.OpenAIClientOptions { Endpoint = new Uri(RouterUrl, "/v1") });

    // run.json appears once every resource is healthy.
    private async Task<JsonElement> ReadRunFileAsync(CancellationToken cancellationToken)
    {
        var notifications = App.Services.GetRequiredService<ResourceNotificationService>();
        foreach (var resource in App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            if (resource.Annotations.OfType<HealthCheckAnnotation>().Any())
            {
                await notifications.WaitForResourceHealthyAsync(resource.Name, cancellationToken);
            }
        }
        var path = Path.Combine(_state, "run.json");
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!File.Exists(path))
        {
            await poll.WaitForNextTickAsync(cancellationToken);
        }
        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFabric>
{
    public const string Name = "dashboard";
}
