using k8s.Models;
using YamlDotNet.Serialization;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// <c>components/monitoring</c>: Prometheus and Grafana, hardened, their configuration copied from
/// <c>deploy/monitoring</c> (kustomize loads nothing outside its root) into ConfigMaps.
/// </summary>
public static class MonitoringComponent
{
    /// <summary>The folder.</summary>
    public const string Folder = "components/monitoring";
    /// <summary>Prometheus' image, pinned.</summary>
    public const string PrometheusImage = "docker.io/prom/prometheus:v3.5.0";
    /// <summary>Grafana's image, pinned.</summary>
    public const string GrafanaImage = "docker.io/grafana/grafana:12.1.1";
    /// <summary>Role label of both.</summary>
    public const string Component = "monitoring";
    /// <summary>Prometheus' port.</summary>
    public const int PrometheusPort = 9090;
    /// <summary>Grafana's port.</summary>
    public const int GrafanaPort = 3000;

    // ConfigMap ← the files of one folder of deploy/monitoring, mounted where its container reads them.
    private static readonly (string ConfigMap, string Folder, string Mount, string Container)[] ConfigFolders =
    [
        ("prometheus-config", "prometheus", "/etc/prometheus", "prometheus"),
        ("prometheus-rules", "prometheus/rules", "/etc/prometheus/rules", "prometheus"),
        ("grafana-dashboards", "grafana/dashboards", "/var/lib/grafana/dashboards", "grafana"),
        ("grafana-datasources", "grafana/provisioning/datasources", "/etc/grafana/provisioning/datasources", "grafana"),
        ("grafana-dashboard-providers", "grafana/provisioning/dashboards", "/etc/grafana/provisioning/dashboards", "grafana"),
    ];

    /// <summary>Adds the component; <paramref name="monitoring"/> is <c>deploy/monitoring</c> (it may not exist yet).</summary>
    public static void AddTo(KustomizeTree tree, PublishedFabric fabric, string monitoring)
    {
        var kustomization = Kustomization.Component();
        foreach (var (configMap, folder, _, _) in ConfigFolders)
        {
            var files = Directory.Exists(Path.Combine(monitoring, folder))
                ? Directory.EnumerateFiles(Path.Combine(monitoring, folder)).Select(f => Path.GetRelativePath(monitoring, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
                : [];
            if (configMap == "prometheus-config" && files.Count == 0)
            {
                tree.Add($"{Folder}/prometheus/prometheus.yml", DefaultScrapeConfig(fabric));
                files.Add("prometheus/prometheus.yml");
            }
            kustomization.ConfigMapGenerator.Add(new Generator { Name = configMap, Files = files });
        }
        // Every file is copied (promtool tests too), so the component holds what deploy/monitoring holds.
        foreach (var file in AllFiles(monitoring))
        {
            tree.Add($"{Folder}/{file}", File.ReadAllText(Path.Combine(monitoring, file)));
        }
        tree.AddObjects($"{Folder}/prometheus.yaml", Prometheus(), ServiceManifests.Service("prometheus", Component, PrometheusPort));
        tree.AddObjects($"{Folder}/grafana.yaml", Grafana(), ServiceManifests.Service("grafana", Component, GrafanaPort));
        var scraped = fabric.Services.Select(s => (s.Name, FabricReader.ServicePort))
            .Concat(fabric.Engines.Select(e => (e.Name, PublishedEngine.Port))).ToList();
        tree.AddObjects($"{Folder}/network-policies.yaml",
            NetworkPolicies.For("prometheus", PrometheusPort, ["grafana"], scraped),
            NetworkPolicies.For("grafana", GrafanaPort, null, [("prometheus", PrometheusPort)]),
            // The scraped side: services and engines answer Prometheus on their port (engines hear nobody else but the Router).
            ScrapePolicy("allow-prometheus-scrape", ServiceManifests.Component, FabricReader.ServicePort),
            ScrapePolicy("allow-prometheus-scrape-engines", EngineManifests.Component, PublishedEngine.Port));
        kustomization.Resources.AddRange(["grafana.yaml", "network-policies.yaml", "prometheus.yaml"]);
        tree.Add($"{Folder}/kustomization.yaml", kustomization.ToYaml());
    }

    private static V1NetworkPolicy ScrapePolicy(string name, string component, int port) =>
        NetworkPolicies.Policy(name,
            new V1LabelSelector { MatchLabels = ObjectMeta.Map((KubernetesNames.ComponentLabel, component)) },
            [new V1NetworkPolicyIngressRule { FromProperty = [NetworkPolicies.Peer("prometheus")], Ports = [NetworkPolicies.Port(port, "TCP")] }],
            []);

    private static IEnumerable<string> AllFiles(string monitoring) =>
        new[] { "prometheus", "grafana" }.Select(f => Path.Combine(monitoring, f)).Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(monitoring, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    // Until deploy/monitoring brings the real one: scrape every .NET service's /metrics.
    private static string DefaultScrapeConfig(PublishedFabric fabric)
    {
        var config = new Dictionary<string, object>
        {
            ["global"] = new Dictionary<string, object> { ["scrape_interval"] = "15s" },
            ["scrape_configs"] = fabric.Services.Select(s => new Dictionary<string, object>
            {
                ["job_name"] = s.Name,
                ["static_configs"] = new[] { new Dictionary<string, object> { ["targets"] = new[] { $"{s.Name}.{KubernetesNames.Namespace}.svc:{FabricReader.ServicePort}" } } },
            }).ToList(),
        };
        return "# Default scrape config: deploy/monitoring/prometheus/prometheus.yml replaces it when present.\n" + new SerializerBuilder().Build().Serialize(config);
    }

    private static V1Deployment Prometheus() => Workload("prometheus", PrometheusImage, Hardening.NobodyUid, PrometheusPort,
        ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention.time=15d"],
        [], "/-/healthy", "/-/ready", Hardening.Resources("100m", "256Mi", "1", "1Gi"), ("data", "/prometheus"));

    private static V1Deployment Grafana() => Workload("grafana", GrafanaImage, Hardening.GrafanaUid, GrafanaPort, [],
        [
            new V1EnvVar { Name = "GF_PATHS_DATA", Value = "/var/lib/grafana/data" },
            // Everything Grafana writes goes to its one emptyDir: the root filesystem is read-only.
            new V1EnvVar { Name = "GF_PATHS_PLUGINS", Value = "/var/lib/grafana/data/plugins" },
            new V1EnvVar { Name = "GF_PATHS_LOGS", Value = "/var/lib/grafana/data/log" },
            new V1EnvVar { Name = "GF_ANALYTICS_REPORTING_ENABLED", Value = "false" },
            new V1EnvVar { Name = "GF_ANALYTICS_CHECK_FOR_UPDATES", Value = "false" },
            StoreManifests.SecretEnv("GF_SECURITY_ADMIN_PASSWORD", KubernetesNames.GrafanaPasswordKey),
        ],
        "/api/health", "/api/health", Hardening.Resources("100m", "128Mi", "500m", "512Mi"), ("data", "/var/lib/grafana/data"));

    private static V1Deployment Workload(string name, string image, long uid, int port, IList<string> args, IList<V1EnvVar> env,
        string live, string ready, V1ResourceRequirements resources, (string Volume, string Path) data)
    {
        var mounts = new List<V1VolumeMount> { new() { Name = data.Volume, MountPath = data.Path }, new() { Name = "tmp", MountPath = "/tmp" } };
        var volumes = new List<V1Volume> { Hardening.EmptyDir(data.Volume, "4Gi"), Hardening.EmptyDir("tmp", "256Mi") };
        foreach (var (configMap, _, mount, container) in ConfigFolders.Where(c => c.Container == name))
        {
            mounts.Add(new V1VolumeMount { Name = configMap, MountPath = mount, ReadOnlyProperty = true });
            volumes.Add(new V1Volume { Name = configMap, ConfigMap = new V1ConfigMapVolumeSource { Name = configMap } });
        }
        var main = new V1Container
        {
            Name = name,
            Image = image,
            ImagePullPolicy = "IfNotPresent",
            Args = args.Count > 0 ? args : null,
            Env = env.Count > 0 ? env : null,
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = port, Protocol = "TCP" }],
            Resources = resources,
            SecurityContext = Hardening.Container(),
            LivenessProbe = Hardening.Http(live, "http"),
            ReadinessProbe = Hardening.Http(ready, "http", periodSeconds: 5),
            VolumeMounts = mounts,
        };
        return ObjectMeta.Deployment(name, Component, Hardening.PodSpec(uid, [main], volumes));
    }
}
