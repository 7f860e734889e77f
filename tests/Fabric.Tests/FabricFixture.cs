using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Fabric.Tests;

/// <summary>
/// The real AppHost with every resource as a local process — PostgreSQL, Redis, Simulators, Classifier, Control,
/// Router, Dashboard — in a throw-away state folder and on random ports, started once for the whole test run.
/// </summary>
public sealed class FabricFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);
    private readonly string _state = Directory.CreateTempSubdirectory("hybrid-fabric-").FullName;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The fabric has not started.");

    /// <summary>The local dev key from <c>run.json</c>.</summary>
    public string DevKey { get; private set; } = "";

    /// <summary>The admin token from <c>run.json</c>.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary><c>run.json</c> as the AppHost wrote it once the fabric was healthy.</summary>
    public JsonElement RunFile { get; private set; }

    public string RunFilePath => Path.Combine(_state, "run.json");

    /// <summary>The Router's base address, e.g. <c>http://localhost:41234</c>.</summary>
    public Uri RouterEndpoint => App.GetEndpoint("router", "http");

    public async Task InitializeAsync()
    {
        // The service user must reach the PostgreSQL data under the private temporary folder.
        File.SetUnixFileMode(_state, (UnixFileMode)0b111_101_101);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Fabric:StateDirectory={_state}", "--Fabric:FixedPorts=false", "--Fabric:ContainerRuntime=none"],
            (options, _) => options.DisableDashboard = true);
        _app = await builder.BuildAsync();

        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("router", timeout.Token);
        RunFile = await ReadRunFileAsync(timeout.Token);
        DevKey = RunFile.GetProperty("devKey").GetString()!;
        AdminToken = RunFile.GetProperty("adminToken").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_state, recursive: true);
    }

    /// <summary>An HttpClient for the Router that sends the dev key.</summary>
    public HttpClient CreateRouterClient()
    {
        var client = App.CreateHttpClient("router", "http");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DevKey);
        return client;
    }

    /// <summary>An HttpClient for Control's admin API that sends the admin token.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = App.CreateHttpClient("control", "http");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    // run.json appears once every resource is healthy; the Router being healthy does not mean the rest is.
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
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!File.Exists(RunFilePath))
        {
            await poll.WaitForNextTickAsync(cancellationToken);
        }
        await using var stream = File.OpenRead(RunFilePath);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class FabricCollection : ICollectionFixture<FabricFixture>
{
    public const string Name = "fabric";
}
