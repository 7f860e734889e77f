using Aspire.Hosting.Postgres;
using HybridInference.AppHost.Hosting;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// Walks the app model in publish mode and reduces it to a <see cref="PublishedFabric"/>: the .NET services with
/// their settings, where Aspire's references become service DNS names and secrets become file keys; the vLLM
/// engines; PostgreSQL and Redis. The Simulator stand-ins, and the parameters only they need, are left out.
/// </summary>
public static class FabricReader
{
    /// <summary>Where the routing config is mounted in pods that read it.</summary>
    public const string RouterConfigPath = "/etc/hybrid-inference/router.yaml";

    /// <summary>Reads <paramref name="model"/>.</summary>
    public static PublishedFabric Read(DistributedApplicationModel model, DistributedApplicationExecutionContext execution,
        PublishOptions options, CancellationToken cancellationToken)
    {
        var standIns = model.Resources.OfType<ProjectResource>().Where(IsStandIn).ToHashSet();
        var environments = model.Resources.OfType<IResourceWithEnvironment>()
            .ToDictionary(r => (IResource)r, r => Environment(r, execution, cancellationToken));
        // A parameter a stand-in uses (the fake cloud's API key) means nothing in a cluster.
        var standInParameters = standIns.SelectMany(s => environments[s].Values).OfType<ParameterResource>().ToHashSet();
        var published = model.Resources.Where(r => !standIns.Contains(r)).Select(r => r.Name).ToHashSet();

        var engines = model.Resources.OfType<ContainerResource>()
            .Where(c => c.Annotations.OfType<ServedModelAnnotation>().Any())
            .Select(c => Engine(c, environments[c], cancellationToken))
            .ToList();
        var services = model.Resources.OfType<ProjectResource>().Where(p => !standIns.Contains(p))
            .Select(p => Service(p, environments[p], published, standInParameters, options))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var postgres = model.Resources.OfType<PostgresServerResource>()
            .Select(p => Store(p, PostgresPort) with { Database = p.Databases.Values.Order(StringComparer.Ordinal).FirstOrDefault() })
            .FirstOrDefault();
        var redis = model.Resources.OfType<RedisResource>().Select(r => Store(r, RedisPort)).FirstOrDefault();
        return new PublishedFabric(services, StartOrder(engines), postgres, redis, File.ReadAllText(options.RouterConfigFile),
            SharedSecrets(services, environments));
    }

    // Keys fed by one secret parameter (the admin token reaches Control, the Router and the Dashboard) must match.
    private static List<IReadOnlyList<string>> SharedSecrets(List<PublishedService> services, Dictionary<IResource, Dictionary<string, object>> environments)
    {
        var byParameter = new Dictionary<ParameterResource, SortedSet<string>>();
        foreach (var (resource, environment) in environments.Where(e => services.Any(s => s.Name == e.Key.Name)))
        {
            var secretKeys = services.Single(s => s.Name == resource.Name).SecretKeys;
            foreach (var (name, value) in environment.Where(e => secretKeys.Contains(e.Key)))
            {
                var parameters = value switch
                {
                    ParameterResource p => [p],
                    ReferenceExpression e => e.ValueProviders.OfType<ParameterResource>().ToList(),
                    _ => [],
                };
                foreach (var parameter in parameters)
                {
                    (byParameter.TryGetValue(parameter, out var keys) ? keys : byParameter[parameter] = new SortedSet<string>(StringComparer.Ordinal)).Add(name);
                }
            }
        }
        return [.. byParameter.Values.Where(k => k.Count > 1).Select(k => (IReadOnlyList<string>)[.. k]).OrderBy(k => k[0], StringComparer.Ordinal)];
    }

    private const int PostgresPort = 5432;
    private const int RedisPort = 6379;

    private static bool IsStandIn(ProjectResource project) =>
        Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath) == "Simulator";

    private static Dictionary<string, object> Environment(IResourceWithEnvironment resource, DistributedApplicationExecutionContext execution,
        CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(execution, resource, values, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            // Publish-mode callbacks only record references; none of ours waits on anything.
            callback.Callback(context).GetAwaiter().GetResult();
        }
        return values;
    }

    private static PublishedService Service(ProjectResource project, Dictionary<string, object> environment, HashSet<string> published,
        HashSet<ParameterResource> standInParameters, PublishOptions options)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var references = new SortedSet<string>(StringComparer.Ordinal);
        var usesRouterConfig = false;
        // Aspire also writes each connection's parts (CONTROLDB_HOST, REDIS_PASSWORD, …); the services read only ConnectionStrings__*.
        var connectionParts = environment.Values.OfType<ConnectionStringReference>()
            .Select(c => c.Resource.Name.ToUpperInvariant().Replace('-', '_') + "_").ToList();
        foreach (var (name, value) in environment)
        {
            if (connectionParts.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }
            switch (value)
            {
                case string text when Path.IsPathRooted(text) && Path.GetFullPath(text) == Path.GetFullPath(options.RouterConfigFile):
                    settings[name] = RouterConfigPath;
                    usesRouterConfig = true;
                    break;
                case string text:
                    settings[name] = text;
                    break;
                case ParameterResource parameter when standInParameters.Contains(parameter):
                    break;
                case ParameterResource { Secret: true }:
                    secrets.Add(name);
                    break;
                case ReferenceExpression expression when expression.ValueProviders.All(p => p is ParameterResource { Secret: true }):
                    secrets.Add(name);
                    break;
                case ConnectionStringReference connection when published.Contains(connection.Resource.Name):
                    // A connection string carries a password, so it is a secret the operator writes (and may point elsewhere).
                    secrets.Add(name);
                    references.Add(RootName(connection.Resource));
                    break;
                case EndpointReference endpoint when IsServiceDiscoveryKey(name, endpoint) && published.Contains(endpoint.Resource.Name):
                    settings[name] = ServiceUrl(endpoint.Resource);
                    references.Add(endpoint.Resource.Name);
                    break;
            }
        }
        settings["ASPNETCORE_URLS"] = $"http://+:{ServicePort}";
        settings["OTEL_SERVICE_NAME"] = project.Name;
        var waitsFor = project.Annotations.OfType<WaitAnnotation>().Select(w => RootName(w.Resource))
            .Where(published.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        return new PublishedService(project.Name, ContainerImage.Of(project), [.. settings], [.. secrets], [.. references], waitsFor, usesRouterConfig,
            project.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == "http")?.Port);
    }

    /// <summary>The port every .NET service listens on in a pod.</summary>
    public const int ServicePort = 8080;

    private static bool IsServiceDiscoveryKey(string name, EndpointReference endpoint) =>
        name == $"services__{endpoint.Resource.Name}__{endpoint.EndpointName}__0" && endpoint.EndpointName == "http";

    private static string ServiceUrl(IResource resource) =>
        $"http://{resource.Name}.{KubernetesNames.Namespace}.svc:{(resource is ContainerResource ? PublishedEngine.Port : ServicePort)}";

    private static string RootName(IResource resource) => resource is IResourceWithParent child ? RootName(child.Parent) : resource.Name;

    private static PublishedEngine Engine(ContainerResource container, Dictionary<string, object> environment, CancellationToken cancellationToken)
    {
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args, container, cancellationToken);
        foreach (var callback in container.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            callback.Callback(context).GetAwaiter().GetResult();
        }
        var after = container.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource)
            .FirstOrDefault(r => r.Annotations.OfType<ServedModelAnnotation>().Any())?.Name;
        return new PublishedEngine(container.Name, ContainerImage.Of(container), [.. args.Select(a => a.ToString() ?? "")],
            [.. environment.Where(e => e.Value is string).Select(e => KeyValuePair.Create(e.Key, (string)e.Value)).OrderBy(e => e.Key, StringComparer.Ordinal)],
            container.Annotations.OfType<ServedModelAnnotation>().Single().Model, after);
    }

    // Engines that wait for no engine start first; then each after the one it waits for.
    private static List<PublishedEngine> StartOrder(List<PublishedEngine> engines)
    {
        var ordered = new List<PublishedEngine>();
        var next = engines.Where(e => e.StartsAfter is null).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        while (next.Count > 0)
        {
            ordered.AddRange(next);
            var started = next.Select(e => e.Name).ToHashSet();
            next = [.. engines.Where(e => e.StartsAfter is { } after && started.Contains(after)).OrderBy(e => e.Name, StringComparer.Ordinal)];
        }
        return ordered;
    }

    private static PublishedStore Store(ContainerResource store, int port) => new(store.Name, ContainerImage.Of(store), port);
}
