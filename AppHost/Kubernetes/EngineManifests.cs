using k8s.Models;
using HybridInference.AppHost.Hosting;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// A vLLM engine: its model-cache claim, the Job that fills it with the pinned revision (the only workload allowed
/// out to the internet), the Deployment that loads it offline once the Job is done — and, on a shared GPU, once the
/// engine before it is ready — and its Service.
/// </summary>
public static class EngineManifests
{
    /// <summary>Role label of the engines.</summary>
    public const string Component = "engine";
    /// <summary>Role label of the download Jobs.</summary>
    public const string DownloadComponent = "model-download";
    /// <summary>The small image the wait steps run in, pinned.</summary>
    public const string BusyboxImage = "docker.io/library/busybox:1.37.0";

    /// <summary>The claim holding the engine's Hugging Face cache.</summary>
    public static V1PersistentVolumeClaim Cache(PublishedEngine engine) =>
        StoreManifests.Claim(CacheName(engine), "60Gi", engine.Name, Component);

    /// <summary>The file the download Job writes last; the engine starts only once it is there.</summary>
    public static string DownloadedMarker(PublishedEngine engine) =>
        $"{ModelServerExtensions.ModelCachePath}/.downloaded/{engine.Model.Revision}";

    /// <summary>The Job that downloads the pinned revision into the cache.</summary>
    public static V1Job Download(PublishedEngine engine)
    {
        const string script =
            "import pathlib, sys\n" +
            "from huggingface_hub import snapshot_download\n" +
            "repo, revision, marker = sys.argv[1:4]\n" +
            "snapshot_download(repo_id=repo, revision=revision)\n" +
            "pathlib.Path(marker).parent.mkdir(parents=True, exist_ok=True)\n" +
            "pathlib.Path(marker).touch()\n";
        var name = engine.Name + "-download";
        var container = new V1Container
        {
            Name = "download",
            Image = engine.Image,
            ImagePullPolicy = "IfNotPresent",
            Command = ["python3", "-c", script, engine.Model.HuggingFaceId, engine.Model.Revision, DownloadedMarker(engine)],
            Env =
            [
                new V1EnvVar { Name = "HF_HOME", Value = ModelServerExtensions.HuggingFaceHome },
                StoreManifests.SecretEnv("HF_TOKEN", KubernetesNames.HuggingFaceTokenKey, optional: true),
                new V1EnvVar { Name = "HOME", Value = "/tmp" },
            ],
            Resources = Hardening.Resources("500m", "1Gi", "2", "4Gi"),
            SecurityContext = Hardening.Container(),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "models", MountPath = ModelServerExtensions.ModelCachePath },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            ],
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = ObjectMeta.Of(name, DownloadComponent),
            Spec = new V1JobSpec
            {
                BackoffLimit = 6,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ObjectMeta.Labels(name, DownloadComponent) },
                    Spec = WithRestart(Hardening.PodSpec(Hardening.DownloadUid, [container], [CacheVolume(engine), Hardening.EmptyDir("tmp", "1Gi")]), "OnFailure"),
                },
            },
        };
    }

    /// <summary>The engine's Deployment.</summary>
    public static V1Deployment Deployment(PublishedEngine engine)
    {
        var waits = new List<V1Container>
        {
            Wait("wait-for-model", $"until [ -f {DownloadedMarker(engine)} ]; do echo \"waiting for {engine.Name}-download ({engine.Model.HuggingFaceId}@{engine.Model.Revision})\"; sleep 10; done",
                [new V1VolumeMount { Name = "models", MountPath = ModelServerExtensions.ModelCachePath, ReadOnlyProperty = true }]),
        };
        if (engine.StartsAfter is { } previous)
        {
            // Both engines size their KV cache from free GPU memory at start; loading one after the other keeps that honest.
            var health = $"http://{previous}.{KubernetesNames.Namespace}.svc:{PublishedEngine.Port}/health";
            waits.Add(Wait($"wait-for-{previous}", $"until wget -q -O /dev/null {health}; do echo \"waiting for {previous} to be ready (it shares the GPU)\"; sleep 10; done", []));
        }
        var container = new V1Container
        {
            Name = "vllm",
            Image = engine.Image,
            ImagePullPolicy = "IfNotPresent",
            Args = [.. engine.Args],
            Env = [.. engine.Environment.Select(e => new V1EnvVar { Name = e.Key, Value = e.Value })],
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = PublishedEngine.Port, Protocol = "TCP" }],
            Resources = Hardening.Resources("2", "16Gi", "8", "32Gi", gpus: 1),
            // The vLLM image expects root (documented exception); it still gets no capabilities and no escalation.
            SecurityContext = Hardening.Container(root: true),
            // Loading weights and compiling CUDA graphs takes minutes: up to 30 before liveness applies.
            StartupProbe = Hardening.Http("/health", "http", periodSeconds: 10, failureThreshold: 180),
            LivenessProbe = Hardening.Http("/health", "http", periodSeconds: 15),
            ReadinessProbe = Hardening.Http("/health", "http", periodSeconds: 5),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "models", MountPath = ModelServerExtensions.ModelCachePath },
                new V1VolumeMount { Name = "home", MountPath = "/root" },
                new V1VolumeMount { Name = "shm", MountPath = "/dev/shm" },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            ],
        };
        var spec = Hardening.PodSpec(null, [container],
            [CacheVolume(engine), Hardening.EmptyDir("home", "8Gi"), Hardening.EmptyDir("shm", "8Gi", memory: true), Hardening.EmptyDir("tmp", "4Gi")], waits);
        spec.Tolerations = [new V1Toleration { Key = "nvidia.com/gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }];
        // One GPU and one ReadWriteOnce cache: the old pod must be gone before the new one starts.
        return ObjectMeta.Deployment(engine.Name, Component, spec, recreate: true);
    }

    /// <summary>A helper container that loops, saying why, until its <paramref name="script"/> ends.</summary>
    public static V1Container Wait(string name, string script, IList<V1VolumeMount> mounts) => new()
    {
        Name = name,
        Image = BusyboxImage,
        ImagePullPolicy = "IfNotPresent",
        Command = ["sh", "-c", script],
        Resources = Hardening.Resources("10m", "16Mi", "100m", "64Mi"),
        SecurityContext = Hardening.Container() with { RunAsUser = Hardening.NobodyUid, RunAsGroup = Hardening.NobodyUid },
        VolumeMounts = mounts.Count > 0 ? mounts : null,
    };

    private static string CacheName(PublishedEngine engine) => engine.Name + "-models";

    private static V1Volume CacheVolume(PublishedEngine engine) => new()
    {
        Name = "models",
        PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = CacheName(engine) },
    };

    private static V1PodSpec WithRestart(V1PodSpec spec, string policy)
    {
        spec.RestartPolicy = policy;
        return spec;
    }
}
