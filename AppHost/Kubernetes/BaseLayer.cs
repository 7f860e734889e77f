using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// <c>base/</c>: the namespace, the .NET services, PostgreSQL, Redis, the Router's config and the NetworkPolicies
/// between them. Secrets are referenced by name only; the operator makes them.
/// </summary>
public static class BaseLayer
{
    /// <summary>The folder.</summary>
    public const string Folder = "base";

    /// <summary>Adds the base's files to <paramref name="tree"/>.</summary>
    public static void AddTo(KustomizeTree tree, PublishedFabric fabric, TrafficLinks links)
    {
        var kustomization = Kustomization.Overlay();
        kustomization.Namespace = KubernetesNames.Namespace;
        void Add(string file, params object[] objects)
        {
            tree.AddObjects($"{Folder}/{file}", objects);
            kustomization.Resources.Add(file);
        }

        Add("namespace.yaml", Namespace());
        Add("router-config.yaml", RouterConfigMap(fabric.RouterConfigYaml));
        foreach (var service in fabric.Services)
        {
            Add($"{service.Name}.yaml", ServiceManifests.Deployment(service), ServiceManifests.Service(service.Name, ServiceManifests.Component, FabricReader.ServicePort));
        }
        if (fabric.Postgres is { } postgres)
        {
            var service = ServiceManifests.Service(postgres.Name, StoreManifests.Component, postgres.Port, "postgres");
            service.Spec.ClusterIP = "None";
            Add($"{postgres.Name}.yaml", StoreManifests.Postgres(postgres), service);
        }
        if (fabric.Redis is { } redis)
        {
            Add($"{redis.Name}.yaml", StoreManifests.RedisClaim(redis), StoreManifests.Redis(redis),
                ServiceManifests.Service(redis.Name, StoreManifests.Component, redis.Port, "redis"));
        }
        Add("network-policies.yaml", [.. Policies(fabric, links)]);
        kustomization.Resources.Sort(StringComparer.Ordinal);
        tree.Add($"{Folder}/kustomization.yaml", kustomization.ToYaml());
    }

    /// <summary>The names of the base's workloads.</summary>
    public static ISet<string> Workloads(PublishedFabric fabric) =>
        fabric.Services.Select(s => s.Name).Concat(new[] { fabric.Postgres?.Name, fabric.Redis?.Name }.OfType<string>()).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<V1NetworkPolicy> Policies(PublishedFabric fabric, TrafficLinks links)
    {
        yield return NetworkPolicies.DefaultDeny();
        yield return NetworkPolicies.AllowDns();
        // Engines join in the engines component; the Router's way out to them is opened here, where the Router is.
        var reachable = Workloads(fabric);
        reachable.UnionWith(fabric.Engines.Select(e => e.Name));
        foreach (var service in fabric.Services)
        {
            // Public services (NodePort or Ingress) take anyone; the Router alone calls remote APIs.
            var callers = service.NodePort is null ? links.Callers(service.Name) : null;
            yield return NetworkPolicies.For(service.Name, FabricReader.ServicePort, callers, links.Callees(service.Name, reachable),
                service.Name == "router" ? [80, 443] : null);
        }
        foreach (var store in new[] { fabric.Postgres, fabric.Redis }.OfType<PublishedStore>())
        {
            yield return NetworkPolicies.For(store.Name, store.Port, links.Callers(store.Name), []);
        }
    }

    private static V1Namespace Namespace() => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = KubernetesNames.Namespace,
            // vLLM runs as root, which "restricted" forbids; everything else meets it, and the warning says where not.
            Labels = ObjectMeta.Map(
                (KubernetesNames.PartOfLabel, KubernetesNames.PartOf),
                ("pod-security.kubernetes.io/enforce", "baseline"),
                ("pod-security.kubernetes.io/warn", "restricted")),
        },
    };

    /// <summary>The ConfigMap with the Router's YAML config.</summary>
    public static V1ConfigMap RouterConfigMap(string yaml) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = ObjectMeta.Of(KubernetesNames.RouterConfigMap, "config", "router"),
        Data = ObjectMeta.Map(("router.yaml", yaml)),
    };
}
