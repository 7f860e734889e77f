using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>PostgreSQL as a StatefulSet with its own volume claim, Redis as a Deployment on a claim; both password-protected from the Secret.</summary>
public static class StoreManifests
{
    /// <summary>Role label of the data stores.</summary>
    public const string Component = "database";
    private const string DataPath = "/var/lib/postgresql/data";

    /// <summary>PostgreSQL's StatefulSet.</summary>
    public static V1StatefulSet Postgres(PublishedStore store)
    {
        var container = new V1Container
        {
            Name = "postgres",
            Image = store.Image,
            ImagePullPolicy = "IfNotPresent",
            Ports = [new V1ContainerPort { Name = "postgres", ContainerPort = store.Port, Protocol = "TCP" }],
            Env =
            [
                new V1EnvVar { Name = "PGDATA", Value = DataPath + "/pgdata" },
                new V1EnvVar { Name = "POSTGRES_DB", Value = store.Database ?? "postgres" },
                new V1EnvVar { Name = "POSTGRES_HOST_AUTH_METHOD", Value = "scram-sha-256" },
                new V1EnvVar { Name = "POSTGRES_INITDB_ARGS", Value = "--auth-host=scram-sha-256 --auth-local=scram-sha-256" },
                SecretEnv("POSTGRES_PASSWORD", KubernetesNames.PostgresPasswordKey),
                new V1EnvVar { Name = "POSTGRES_USER", Value = "postgres" },
            ],
            Resources = Hardening.Resources("250m", "512Mi", "2", "2Gi"),
            SecurityContext = Hardening.Container(),
            StartupProbe = Exec(["pg_isready", "-U", "postgres", "-h", "127.0.0.1"], periodSeconds: 2, failureThreshold: 60),
            LivenessProbe = Exec(["pg_isready", "-U", "postgres", "-h", "127.0.0.1"]),
            ReadinessProbe = Exec(["pg_isready", "-U", "postgres", "-h", "127.0.0.1"], periodSeconds: 5),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "data", MountPath = DataPath },
                new V1VolumeMount { Name = "run", MountPath = "/var/run/postgresql" },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            ],
        };
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = ObjectMeta.Of(store.Name, Component),
            Spec = new V1StatefulSetSpec
            {
                Replicas = 1,
                ServiceName = store.Name,
                Selector = ObjectMeta.Selector(store.Name),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ObjectMeta.Labels(store.Name, Component) },
                    Spec = Hardening.PodSpec(Hardening.DataStoreUid, [container], [Hardening.EmptyDir("run", "16Mi"), Hardening.EmptyDir("tmp", "256Mi")]),
                },
                VolumeClaimTemplates = [Claim("data", "10Gi")],
            },
        };
    }

    /// <summary>Redis' Deployment; its data lives on <see cref="RedisClaim"/>.</summary>
    public static V1Deployment Redis(PublishedStore store)
    {
        var container = new V1Container
        {
            Name = "redis",
            Image = store.Image,
            ImagePullPolicy = "IfNotPresent",
            // Kubernetes expands $(REDIS_PASSWORD) from the container's env, so the password never sits in the manifest.
            Args = ["--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--dir", "/data", "--port", store.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Ports = [new V1ContainerPort { Name = "redis", ContainerPort = store.Port, Protocol = "TCP" }],
            Env = [SecretEnv("REDIS_PASSWORD", KubernetesNames.RedisPasswordKey)],
            Resources = Hardening.Resources("100m", "128Mi", "1", "512Mi"),
            SecurityContext = Hardening.Container(),
            LivenessProbe = Tcp("redis"),
            ReadinessProbe = Tcp("redis", periodSeconds: 5),
            VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }],
        };
        return ObjectMeta.Deployment(store.Name, Component, Hardening.PodSpec(Hardening.DataStoreUid, [container],
            [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = store.Name + "-data" } }]), recreate: true);
    }

    /// <summary>Redis' volume claim.</summary>
    public static V1PersistentVolumeClaim RedisClaim(PublishedStore store) => Claim(store.Name + "-data", "1Gi", store.Name, Component);

    /// <summary>A ReadWriteOnce claim of <paramref name="size"/>.</summary>
    public static V1PersistentVolumeClaim Claim(string name, string size, string? workload = null, string? component = null) => new()
    {
        ApiVersion = workload is null ? null : "v1",
        Kind = workload is null ? null : "PersistentVolumeClaim",
        Metadata = workload is null ? new V1ObjectMeta { Name = name } : ObjectMeta.Of(name, component!, workload),
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["storage"] = new(size) },
            },
        },
    };

    /// <summary>An env var read from a key of the operator's Secret.</summary>
    public static V1EnvVar SecretEnv(string name, string key, bool optional = false) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = KubernetesNames.Secret, Key = key, Optional = optional ? true : null } },
    };

    private static V1Probe Exec(string[] command, int periodSeconds = 10, int failureThreshold = 3) => new()
    {
        Exec = new V1ExecAction { Command = command },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };

    private static V1Probe Tcp(string port, int periodSeconds = 10) => new()
    {
        TcpSocket = new V1TCPSocketAction { Port = port },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = 3,
    };
}
