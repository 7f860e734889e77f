namespace HybridInference.AppHost.Kubernetes;

/// <summary><c>components/engines</c>: the vLLM engines with their caches, download Jobs and policies (the appliance's one GPU).</summary>
public static class EngineComponent
{
    /// <summary>The folder.</summary>
    public const string Folder = "components/engines";

    /// <summary>Adds the component's files to <paramref name="tree"/>.</summary>
    public static void AddTo(KustomizeTree tree, PublishedFabric fabric, TrafficLinks links)
    {
        var kustomization = Kustomization.Component();
        var policies = new List<object>();
        foreach (var engine in fabric.Engines)
        {
            tree.AddObjects($"{Folder}/{engine.Name}.yaml", EngineManifests.Cache(engine), EngineManifests.Download(engine),
                EngineManifests.Deployment(engine), ServiceManifests.Service(engine.Name, EngineManifests.Component, PublishedEngine.Port));
            kustomization.Resources.Add($"{engine.Name}.yaml");

            // Only the Router calls an engine, plus the next engine on the GPU asking whether this one is ready.
            var callers = links.Callers(engine.Name).Concat(fabric.Engines.Where(e => e.StartsAfter == engine.Name).Select(e => e.Name)).ToList();
            var callees = engine.StartsAfter is { } previous ? new List<(string, int)> { (previous, PublishedEngine.Port) } : [];
            policies.Add(NetworkPolicies.For(engine.Name, PublishedEngine.Port, callers, callees));
            policies.Add(NetworkPolicies.For(engine.Name + "-download", null, [], [], externalPorts: [443]));
        }
        tree.AddObjects($"{Folder}/network-policies.yaml", [.. policies]);
        kustomization.Resources.Add("network-policies.yaml");
        tree.Add($"{Folder}/kustomization.yaml", kustomization.ToYaml());
    }
}
