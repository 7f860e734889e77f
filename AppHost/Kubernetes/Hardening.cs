using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// The security settings every published workload carries: non-root with a fixed UID (vLLM, whose image expects
/// root, is the one exception), read-only root filesystem, no capabilities, no privilege escalation, seccomp
/// RuntimeDefault, no service-account token.
/// </summary>
public static class Hardening
{
    /// <summary>The .NET images' own non-root user (<c>app</c>).</summary>
    public const long DotnetUid = 1654;
    /// <summary>The user the official PostgreSQL and Redis images create.</summary>
    public const long DataStoreUid = 999;
    /// <summary>Prometheus' and the helper containers' user (<c>nobody</c>).</summary>
    public const long NobodyUid = 65534;
    /// <summary>Grafana's user.</summary>
    public const long GrafanaUid = 472;
    /// <summary>The model download's user: it writes the cache the engines read as root.</summary>
    public const long DownloadUid = 1000;

    /// <summary>A pod that runs as <paramref name="uid"/>, or as root when <paramref name="uid"/> is null (vLLM).</summary>
    public static V1PodSecurityContext Pod(long? uid) => new()
    {
        RunAsNonRoot = uid is not null,
        RunAsUser = uid ?? 0,
        RunAsGroup = uid ?? 0,
        FsGroup = uid,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>A container's settings; <paramref name="root"/> only for vLLM.</summary>
    public static V1SecurityContext Container(bool root = false) => new()
    {
        RunAsNonRoot = !root,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Privileged = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>A writable scratch folder on a read-only root filesystem.</summary>
    public static V1Volume EmptyDir(string name, string? sizeLimit = null, bool memory = false) => new()
    {
        Name = name,
        EmptyDir = new V1EmptyDirVolumeSource
        {
            Medium = memory ? "Memory" : null,
            SizeLimit = sizeLimit is null ? null : new ResourceQuantity(sizeLimit),
        },
    };

    /// <summary>Requests and limits; <paramref name="gpus"/> adds <c>nvidia.com/gpu</c> to both.</summary>
    public static V1ResourceRequirements Resources(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit, int gpus = 0)
    {
        var requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(cpuRequest),
            ["memory"] = new(memoryRequest),
        };
        var limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(cpuLimit),
            ["memory"] = new(memoryLimit),
        };
        if (gpus > 0)
        {
            requests["nvidia.com/gpu"] = new(gpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
            limits["nvidia.com/gpu"] = new(gpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return new V1ResourceRequirements { Requests = requests, Limits = limits };
    }

    /// <summary>An HTTP GET probe on the named port.</summary>
    public static V1Probe Http(string path, string port, int periodSeconds = 10, int failureThreshold = 3) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port, Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };

    /// <summary>The pod spec fields every workload shares.</summary>
    public static V1PodSpec PodSpec(long? uid, IList<V1Container> containers, IList<V1Volume> volumes, IList<V1Container>? initContainers = null) => new()
    {
        AutomountServiceAccountToken = false,
        EnableServiceLinks = false,
        SecurityContext = Pod(uid),
        InitContainers = initContainers is { Count: > 0 } ? initContainers : null,
        Containers = containers,
        Volumes = volumes.Count > 0 ? volumes : null,
    };
}
