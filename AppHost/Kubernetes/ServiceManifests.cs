using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>A .NET service's Deployment and Service: its settings as env vars, its secrets as files, probes on <c>/alive</c> and <c>/health</c>.</summary>
public static class ServiceManifests
{
    /// <summary>Role label of the .NET services.</summary>
    public const string Component = "service";
    /// <summary>The volume every pod with secrets mounts at <c>/run/secrets</c>.</summary>
    public const string SecretsVolume = "secrets";
    /// <summary>The volume a service keeps its own files on (the Router's usage spool).</summary>
    public const string StateVolume = "state";

    // Folders a service writes besides /tmp, on an otherwise read-only filesystem: the setting that moves it there, and where.
    private static readonly Dictionary<string, (string Setting, string Path)> StateFolders = new(StringComparer.Ordinal)
    {
        ["router"] = ("Router__UsageSpoolDirectory", "/var/spool/hybrid-inference/router"),
        ["control"] = ("Control__SecretsDirectory", "/var/lib/hybrid-inference/secrets"),
    };

    private static readonly Dictionary<string, V1ResourceRequirements> Sizes = new(StringComparer.Ordinal)
    {
        ["router"] = Hardening.Resources("250m", "256Mi", "2", "1Gi"),
        ["classifier"] = Hardening.Resources("250m", "512Mi", "2", "1Gi"),
        ["control"] = Hardening.Resources("100m", "256Mi", "1", "768Mi"),
        ["dashboard"] = Hardening.Resources("100m", "192Mi", "1", "512Mi"),
    };

    /// <summary>The Deployment of <paramref name="service"/>.</summary>
    public static V1Deployment Deployment(PublishedService service)
    {
        var environment = service.Environment.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var mounts = new List<V1VolumeMount> { new() { Name = "tmp", MountPath = "/tmp" } };
        var volumes = new List<V1Volume> { Hardening.EmptyDir("tmp", "256Mi") };
        if (StateFolders.TryGetValue(service.Name, out var state))
        {
            environment[state.Setting] = state.Path;
            mounts.Add(new V1VolumeMount { Name = StateVolume, MountPath = Path.GetDirectoryName(state.Path)! });
            volumes.Add(Hardening.EmptyDir(StateVolume, "1Gi"));
        }
        if (service.SecretKeys.Count > 0 || service.Name == "router")
        {
            mounts.Add(new V1VolumeMount { Name = SecretsVolume, MountPath = KubernetesNames.SecretsPath, ReadOnlyProperty = true });
            volumes.Add(SecretFiles(service.Name, service.SecretKeys));
        }
        if (service.UsesRouterConfig)
        {
            mounts.Add(new V1VolumeMount { Name = "router-config", MountPath = Path.GetDirectoryName(FabricReader.RouterConfigPath)!, ReadOnlyProperty = true });
            volumes.Add(new V1Volume { Name = "router-config", ConfigMap = new V1ConfigMapVolumeSource { Name = KubernetesNames.RouterConfigMap } });
        }
        var container = new V1Container
        {
            Name = service.Name,
            Image = service.Image,
            ImagePullPolicy = "IfNotPresent",
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = FabricReader.ServicePort, Protocol = "TCP" }],
            Env = [.. environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new V1EnvVar { Name = e.Key, Value = e.Value })],
            Resources = Sizes.GetValueOrDefault(service.Name) ?? Hardening.Resources("100m", "256Mi", "1", "512Mi"),
            SecurityContext = Hardening.Container(),
            StartupProbe = Hardening.Http("/alive", "http", periodSeconds: 2, failureThreshold: 60),
            LivenessProbe = Hardening.Http("/alive", "http"),
            ReadinessProbe = Hardening.Http("/health", "http", periodSeconds: 5),
            VolumeMounts = mounts,
        };
        return ObjectMeta.Deployment(service.Name, Component, Hardening.PodSpec(Hardening.DotnetUid, [container], volumes));
    }

    /// <summary>
    /// The files in <c>/run/secrets</c>: only the keys the service reads, from the operator's Secret, and for the Router
    /// the remote endpoint's key from <c>router-remote</c>, which exists only once <c>configure-router</c> ran.
    /// </summary>
    public static V1Volume SecretFiles(string service, IReadOnlyList<string> keys)
    {
        var sources = new List<V1VolumeProjection>();
        if (keys.Count > 0)
        {
            sources.Add(new V1VolumeProjection
            {
                Secret = new V1SecretProjection
                {
                    Name = KubernetesNames.Secret,
                    Items = [.. keys.Select(k => new V1KeyToPath { Key = k, Path = k })],
                },
            });
        }
        if (service == "router")
        {
            sources.Add(new V1VolumeProjection
            {
                Secret = new V1SecretProjection
                {
                    Name = KubernetesNames.RemoteSecret,
                    Optional = true,
                    Items = [new V1KeyToPath { Key = KubernetesNames.RemoteApiKey, Path = KubernetesNames.RemoteApiKey }],
                },
            });
        }
        return new V1Volume { Name = SecretsVolume, Projected = new V1ProjectedVolumeSource { Sources = sources, DefaultMode = 0x124 } };
    }

    /// <summary>The ClusterIP Service in front of <paramref name="name"/>'s pods.</summary>
    public static V1Service Service(string name, string component, int port, string portName = "http") => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = ObjectMeta.Of(name, component),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = ObjectMeta.Selector(name).MatchLabels,
            Ports = [new V1ServicePort { Name = portName, Port = port, TargetPort = portName, Protocol = "TCP" }],
        },
    };
}
