using HybridInference.AppHost.GpuPlanning;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>The fabric as the app model describes it in publish mode, reduced to what the manifests need.</summary>
/// <param name="Services">The .NET services, by name.</param>
/// <param name="Engines">The vLLM engines, in the order they start on their GPU.</param>
/// <param name="Postgres">The PostgreSQL server, if the model has one.</param>
/// <param name="Redis">Redis, if the model has one.</param>
/// <param name="RouterConfigYaml">The routing config as read at publish time.</param>
/// <param name="SharedSecrets">Secret keys that carry one value (one parameter of the app model feeds them all), sorted.</param>
public sealed record PublishedFabric(
    IReadOnlyList<PublishedService> Services,
    IReadOnlyList<PublishedEngine> Engines,
    PublishedStore? Postgres,
    PublishedStore? Redis,
    string RouterConfigYaml,
    IReadOnlyList<IReadOnlyList<string>> SharedSecrets)
{
    /// <summary>The keys that must hold the same value as <paramref name="key"/>.</summary>
    public IEnumerable<string> SameValueAs(string key) =>
        SharedSecrets.Where(g => g.Contains(key)).SelectMany(g => g).Where(k => k != key);

    /// <summary>The service named <paramref name="name"/>, or null.</summary>
    public PublishedService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);
}

/// <summary>A .NET service: image, settings and the secret keys it reads from <c>/run/secrets</c>.</summary>
/// <param name="Name">Resource name, also its Kubernetes name and DNS name.</param>
/// <param name="Image">Pinned image reference, from the project's container properties.</param>
/// <param name="Environment">Non-secret settings, sorted by name.</param>
/// <param name="SecretKeys">Keys of <c>hybrid-inference-secrets</c> mounted as files, sorted.</param>
/// <param name="References">Published resources it calls (service discovery, connection strings), sorted.</param>
/// <param name="WaitsFor">Published resources it waits for, sorted.</param>
/// <param name="UsesRouterConfig">It reads the routing config, so the ConfigMap is mounted.</param>
/// <param name="NodePort">The appliance's NodePort when the service is public (its fixed local port), else null.</param>
public sealed record PublishedService(
    string Name,
    string Image,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<string> SecretKeys,
    IReadOnlyList<string> References,
    IReadOnlyList<string> WaitsFor,
    bool UsesRouterConfig,
    int? NodePort);

/// <summary>A vLLM engine.</summary>
/// <param name="Name">Resource name.</param>
/// <param name="Image">Pinned image reference.</param>
/// <param name="Args">vLLM's command line as the model gives it.</param>
/// <param name="Environment">Settings, sorted by name.</param>
/// <param name="Model">The served model.</param>
/// <param name="StartsAfter">The engine on the same GPU that must be ready first, if any.</param>
public sealed record PublishedEngine(
    string Name,
    string Image,
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    ServedModel Model,
    string? StartsAfter)
{
    /// <summary>The port vLLM listens on.</summary>
    public const int Port = 8000;
}

/// <summary>A data store: PostgreSQL or Redis.</summary>
/// <param name="Name">Resource name.</param>
/// <param name="Image">Pinned image reference, from the Aspire resource.</param>
/// <param name="Port">Its port.</param>
/// <param name="Database">The database PostgreSQL creates at first start; null for Redis.</param>
public sealed record PublishedStore(string Name, string Image, int Port, string? Database = null);
