using HybridInference.Contracts.Configuration;
using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// <c>overlays/cluster</c>: replicas, CPU autoscaling, disruption budgets and spread over nodes for the services;
/// Ingresses (cookie affinity for the Dashboard, whose circuits live in one replica); models as KubeAI <c>Model</c> resources with the Router pointed at KubeAI; PostgreSQL and Redis
/// external by default (<c>components/external-data</c>; drop that line to keep the in-cluster ones).
/// </summary>
public static class ClusterOverlay
{
    /// <summary>The overlay's folder.</summary>
    public const string Folder = "overlays/cluster";
    /// <summary>The external-data component's folder.</summary>
    public const string ExternalData = "components/external-data";
    /// <summary>Replicas of every .NET service.</summary>
    public const int Replicas = 2;
    /// <summary>Services that scale on CPU.</summary>
    public static readonly IReadOnlyList<string> Autoscaled = ["classifier", "router"];

    /// <summary>Adds the component and the overlay.</summary>
    public static void AddTo(KustomizeTree tree, PublishedFabric fabric)
    {
        AddExternalData(tree, fabric);
        var kustomization = ApplianceOverlays.Overlay(fabric);
        kustomization.Components.Add("../../" + ExternalData);
        var catalog = RouterConfigYaml.Parse(fabric.RouterConfigYaml);

        tree.AddObjects($"{Folder}/kubeai-models.yaml", [.. fabric.Engines.Select(e => KubeAiModels.For(e, catalog))]);
        tree.AddObjects($"{Folder}/autoscaling.yaml", [.. Autoscaled.Select(Autoscaler)]);
        tree.AddObjects($"{Folder}/disruption-budgets.yaml", [.. fabric.Services.Select(s => DisruptionBudget(s.Name))]);
        tree.AddObjects($"{Folder}/ingress.yaml", Ingresses(host: null));
        // KubeAI lives in its own namespace; the Router's policy names only pods of this one.
        tree.AddObjects($"{Folder}/network-policies.yaml", NetworkPolicies.Policy("router-to-kubeai", ObjectMeta.Selector("router"), [],
        [
            new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector { MatchLabels = ObjectMeta.Map(("kubernetes.io/metadata.name", "kubeai")) } }],
                Ports = [NetworkPolicies.Port(80, "TCP"), NetworkPolicies.Port(8000, "TCP")],
            },
        ]));
        kustomization.Resources.AddRange(["autoscaling.yaml", "disruption-budgets.yaml", "ingress.yaml", "kubeai-models.yaml", "network-policies.yaml"]);

        tree.AddObjects($"{Folder}/replicas-and-spread.yaml", [.. fabric.Services.Select(s => Spread(s.Name))]);
        tree.AddObjects($"{Folder}/router-config.yaml",
            BaseLayer.RouterConfigMap(RouterConfigYaml.Write(KubeAiModels.RetargetToKubeAi(catalog, fabric.Engines))));
        tree.AddObjects($"{Folder}/ingress-host.yaml", Ingresses(IngressHostName));
        tree.AddObjects($"{Folder}/dashboard-affinity.yaml", ClientIpAffinity("dashboard"));
        kustomization.Patches.AddRange(
        [
            new Patch { Path = "dashboard-affinity.yaml" },
            new Patch { Path = "ingress-host.yaml" },
            new Patch { Path = "replicas-and-spread.yaml" },
            new Patch { Path = "router-config.yaml" },
        ]);
        tree.Add($"{Folder}/kustomization.yaml", kustomization.ToYaml());
    }

    private static void AddExternalData(KustomizeTree tree, PublishedFabric fabric)
    {
        var stores = new[] { fabric.Postgres, fabric.Redis }.OfType<PublishedStore>().ToList();
        // The connection-string Secret keys now name the managed service or operator; its users need a way out to it.
        var users = fabric.Services.Where(s => s.References.Any(r => stores.Any(st => st.Name == r))).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        tree.AddObjects($"{ExternalData}/network-policies.yaml", NetworkPolicies.Policy("external-data",
            new V1LabelSelector
            {
                MatchExpressions = [new V1LabelSelectorRequirement { Key = KubernetesNames.NameLabel, OperatorProperty = "In", Values = users }],
            },
            [],
            [
                new V1NetworkPolicyEgressRule
                {
                    To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0" } }],
                    Ports = [.. stores.Select(s => NetworkPolicies.Port(s.Port, "TCP"))],
                },
            ]));
        var kustomization = Kustomization.Component();
        kustomization.Resources.Add("network-policies.yaml");
        kustomization.Patches.AddRange(Patches.Delete(stores.SelectMany(s => Patches.ObjectsOf(fabric, s.Name))));
        tree.Add($"{ExternalData}/kustomization.yaml", kustomization.ToYaml());
    }

    private static V2HorizontalPodAutoscaler Autoscaler(string service) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = ObjectMeta.Of(service, ServiceManifests.Component),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = service },
            MinReplicas = Replicas,
            MaxReplicas = 8,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 } },
                },
            ],
        },
    };

    private static V1PodDisruptionBudget DisruptionBudget(string service) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = ObjectMeta.Of(service, ServiceManifests.Component),
        Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = ObjectMeta.Selector(service) },
    };

    private static V1Deployment Spread(string service) => Patches.Deployment(service, new V1PodSpec
    {
        Containers = null,
        TopologySpreadConstraints =
        [
            new V1TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = ObjectMeta.Selector(service) },
            new V1TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "topology.kubernetes.io/zone", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = ObjectMeta.Selector(service) },
        ],
    }, spec => spec.Replicas = Replicas);

    // One Ingress per service: ingress-nginx applies affinity annotations to every path of an Ingress, and the
    // Router's /v1 must stay free to spread each request over its replicas.
    private static V1Ingress[] Ingresses(string? host) =>
    [
        Ingress(RouterIngress, host, IngressPath("/v1", "router"), annotations: null),
        // Blazor Server circuits live in one replica: the circuit's requests must reach the pod that holds it.
        Ingress(DashboardIngress, host, IngressPath("/", "dashboard"), ObjectMeta.Map(
            ("nginx.ingress.kubernetes.io/affinity", "cookie"),
            ("nginx.ingress.kubernetes.io/affinity-mode", "persistent"),
            ("nginx.ingress.kubernetes.io/session-cookie-name", "hybrid-dashboard-affinity"))),
    ];

    // Without a host: the resource itself. With one: its ingress-host.yaml patch, the one place the operator changes
    // the host and TLS secret.
    private static V1Ingress Ingress(string name, string? host, V1HTTPIngressPath path, IDictionary<string, string>? annotations)
    {
        var metadata = host is null ? ObjectMeta.Of(name, "ingress") : new V1ObjectMeta { Name = name };
        metadata.Annotations = host is null ? annotations : null;
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = metadata,
            Spec = new V1IngressSpec
            {
                Tls = host is null ? null : [new V1IngressTLS { Hosts = [host], SecretName = "hybrid-inference-tls" }],
                Rules = [new V1IngressRule { Host = host, Http = new V1HTTPIngressRuleValue { Paths = [path] } }],
            },
        };
    }

    /// <summary>The Router's Ingress (<c>/v1</c>, no affinity).</summary>
    public const string RouterIngress = "hybrid-inference";
    /// <summary>The Dashboard's Ingress (<c>/</c>, cookie affinity).</summary>
    public const string DashboardIngress = "hybrid-inference-dashboard";

    /// <summary>The placeholder host the operator replaces in <c>ingress-host.yaml</c>.</summary>
    public const string IngressHostName = "hybrid-inference.example.com";

    // kube-proxy's affinity for traffic that reaches the Service without the Ingress (port-forward, in-cluster callers).
    private static V1Service ClientIpAffinity(string service) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = service },
        Spec = new V1ServiceSpec { SessionAffinity = "ClientIP" },
    };

    private static V1HTTPIngressPath IngressPath(string path, string service) => new()
    {
        Path = path,
        PathType = "Prefix",
        Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Name = "http" } } },
    };
}
