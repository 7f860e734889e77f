using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts;
using HybridInference.Control.Database;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Control.Tests.Infrastructure;

/// <summary>Each test class gets its own database on the shared server; factories it creates are disposed with it.</summary>
[Collection(PostgresCollection.Name)]
public abstract class ControlTestBase(PostgresServer postgres) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected PostgresServer Postgres { get; } = postgres;

    protected string ConnectionString { get; private set; } = "";

    internal ControlFactory Control { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = EmptyDatabase ? await Postgres.CreateEmptyDatabaseAsync(GetType().Name) : await Postgres.CreateDatabaseAsync(GetType().Name);
        Control = Own(new ControlFactory(ConnectionString, Settings()));
    }

    /// <summary>Whether the test starts from a database without schema (to see migrations run) instead of a migrated copy.</summary>
    protected virtual bool EmptyDatabase => false;

    /// <summary>Extra configuration for the class's default factory.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    internal T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    internal static async Task WithDbAsync(ControlFactory factory, Func<ControlDb, Task> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ControlDb>());
    }

    internal static async Task<T> WithDbAsync<T>(ControlFactory factory, Func<ControlDb, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ControlDb>());
    }

    protected static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    protected static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) =>
        client.PostAsync(path, JsonContent.Create(body, options: ContractJson.Options));

    protected static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string path, object body) =>
        client.PutAsync(path, JsonContent.Create(body, options: ContractJson.Options));

    protected static T Read<T>(JsonNode node) => node.Deserialize<T>(ContractJson.Options)!;

    /// <summary>The fabric's default router config, the same file the AppHost seeds Control with.</summary>
    protected static string RouterYamlPath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HybridInference.sln")))
            {
                directory = directory.Parent;
            }
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "AppHost", "Config", "router.yaml");
        }
    }
}
