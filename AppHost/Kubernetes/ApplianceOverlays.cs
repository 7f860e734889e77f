using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// The single-node appliance: <c>appliance-full</c> (everything, two engines on one GPU, monitoring, NodePorts) and
/// <c>appliance-slim</c> (Router and Classifier, the Router on its YAML ConfigMap and a usage spool on a claim). In
/// both the Router waits in an init container until <c>configure-router</c> has written the remote endpoint's key.
/// </summary>
public static class ApplianceOverlays
{
    /// <summary>The two-stage-boot component's folder.</summary>
    public const string TwoStageBoot = "components/two-stage-boot";
    /// <summary>The init container's name, which the appliance's docs and scripts use.</summary>
    public const string WaitContainer = "wait-for-configure-router";

    /// <summary>Adds the component and both overlays.</summary>
    public static void AddTo(KustomizeTree tree, PublishedFabric fabric)
    {
        AddTwoStageBoot(tree);
        AddFull(tree, fabric);
        AddSlim(tree, fabric);
    }

    private static void AddTwoStageBoot(KustomizeTree tree)
    {
        var key = $"{KubernetesNames.SecretsPath}/{KubernetesNames.RemoteApiKey}";
        var wait = EngineManifests.Wait(WaitContainer,
            $"until [ -f {key} ]; do echo \"waiting for configure-router: {key} is not there yet\"; sleep 5; done",
            [new V1VolumeMount { Name = ServiceManifests.SecretsVolume, MountPath = KubernetesNames.SecretsPath, ReadOnlyProperty = true }]);
        tree.AddObjects($"{TwoStageBoot}/router-waits-for-configure.yaml", Patches.Deployment("router", new V1PodSpec { InitContainers = [wait], Containers = null }));
        var kustomization = Kustomization.Component();
        kustomization.Patches.Add(new Patch { Path = "router-waits-for-configure.yaml" });
        tree.Add($"{TwoStageBoot}/kustomization.yaml", kustomization.ToYaml());
    }

    private static void AddFull(KustomizeTree tree, PublishedFabric fabric)
    {
        const string folder = "overlays/appliance-full";
        var kustomization = Overlay(fabric);
        kustomization.Components.AddRange(["../../" + EngineComponent.Folder, "../../" + MonitoringComponent.Folder, "../../" + TwoStageBoot]);
        var nodePorts = fabric.Services.Where(s => s.NodePort is not null)
            .Select(s => (object)Patches.NodePort(s.Name, FabricReader.ServicePort, s.NodePort!.Value))
            .Append(Patches.NodePort("grafana", MonitoringComponent.GrafanaPort, GrafanaNodePort))
            .ToArray();
        tree.AddObjects($"{folder}/node-ports.yaml", nodePorts);
        kustomization.Patches.Add(new Patch { Path = "node-ports.yaml" });
        tree.Add($"{folder}/kustomization.yaml", kustomization.ToYaml());
    }

    /// <summary>Grafana's NodePort on the appliance.</summary>
    public const int GrafanaNodePort = 30300;

    private static void AddSlim(KustomizeTree tree, PublishedFabric fabric)
    {
        const string folder = "overlays/appliance-slim";
        var kept = new HashSet<string>(["router", "classifier"], StringComparer.Ordinal);
        var kustomization = Overlay(fabric);
        kustomization.Components.Add("../../" + TwoStageBoot);

        tree.AddObjects($"{folder}/router-spool.yaml", StoreManifests.Claim("router-spool", "1Gi", "router", ServiceManifests.Component));
        kustomization.Resources.Add("router-spool.yaml");

        // No Control to poll or to ship usage to: routing from the ConfigMap, usage kept on the claim until there is one.
        var router = Patches.Deployment("router", new V1PodSpec
        {
            Containers = [new V1Container { Name = "router", Env = [new V1EnvVar { Name = "Router__ConfigSource", Value = "file" }] }],
        }, spec => spec.Strategy = new V1DeploymentStrategy { Type = "Recreate" });
        tree.AddObjects($"{folder}/router-on-config-file.yaml", router);
        tree.Add($"{folder}/router-volumes.yaml", Patches.ReplaceVolumes(ServiceManifests.Deployment(fabric.Service("router")!),
            new V1Volume { Name = ServiceManifests.StateVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "router-spool" } },
            ServiceManifests.SecretFiles("router", SlimRouterSecrets)));
        var publicRouter = fabric.Service("router")!;
        tree.AddObjects($"{folder}/node-ports.yaml", Patches.NodePort("router", FabricReader.ServicePort, publicRouter.NodePort ?? 30801));
        kustomization.Patches.AddRange(
        [
            new Patch { Path = "node-ports.yaml" },
            new Patch { Path = "router-on-config-file.yaml" },
            new Patch { Path = "router-volumes.yaml", Target = new PatchTarget { Kind = "Deployment", Name = "router" } },
        ]);
        // Router and Classifier only: Control, the Dashboard and the data stores go.
        kustomization.Patches.AddRange(Patches.Delete(
            BaseLayer.Workloads(fabric).Where(w => !kept.Contains(w)).Order(StringComparer.Ordinal).SelectMany(w => Patches.ObjectsOf(fabric, w))));
        tree.Add($"{folder}/kustomization.yaml", kustomization.ToYaml());
    }

    /// <summary>The Router's secret files in slim mode: no Control, no Redis, and a dev key clients use.</summary>
    public static readonly IReadOnlyList<string> SlimRouterSecrets = ["Router__AdminToken", "Router__DevKey"];

    /// <summary>An overlay on the base with the services' images listed for the operator's registry.</summary>
    public static Kustomization Overlay(PublishedFabric fabric)
    {
        var kustomization = Kustomization.Overlay();
        // The overlay's own objects (and its components') need the namespace as much as the base's.
        kustomization.Namespace = KubernetesNames.Namespace;
        kustomization.Resources.Add("../../" + BaseLayer.Folder);
        foreach (var image in fabric.Services.Select(s => s.Image).Order(StringComparer.Ordinal))
        {
            var (name, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
            kustomization.Images.Add(new ImageOverride { Name = name, NewName = name, NewTag = tag });
        }
        return kustomization;
    }
}
