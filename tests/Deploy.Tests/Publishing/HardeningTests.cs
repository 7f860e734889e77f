using HybridInference.AppHost.Kubernetes;
using k8s.Models;

namespace HybridInference.Deploy.Tests.Publishing;

[Collection(PublishedTreeCollection.Name)]
public sealed class HardeningTests(PublishedTree tree)
{
    public static TheoryData<string> Overlays => new(PublishedTree.OverlayNames);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_workload_is_hardened(string overlay)
    {
        var problems = new List<string>();
        foreach (var (workload, template) in tree.PodTemplates(overlay))
        {
            var pod = template.Spec;
            Check(pod.AutomountServiceAccountToken == false, workload, "mounts a service-account token");
            Check(pod.SecurityContext?.SeccompProfile?.Type == "RuntimeDefault", workload, "has no RuntimeDefault seccomp profile");
            var engine = IsEngine(template);
            // vLLM's image expects root: the documented exception; everything else runs as a fixed non-root UID.
            Check(engine || (pod.SecurityContext?.RunAsNonRoot == true && pod.SecurityContext.RunAsUser is > 0), workload, "does not run as a fixed non-root UID");
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var name = $"{workload}/{container.Name}";
                var security = container.SecurityContext;
                var root = engine && container.Name == "vllm";
                Check(security?.AllowPrivilegeEscalation == false, name, "allows privilege escalation");
                Check(security?.ReadOnlyRootFilesystem == true, name, "has a writable root filesystem");
                Check(security?.Capabilities?.Drop?.SequenceEqual(["ALL"]) == true, name, "keeps capabilities");
                Check(root || security?.RunAsNonRoot == true || pod.SecurityContext?.RunAsNonRoot == true, name, "may run as root");
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Check(container.Resources?.Requests?.ContainsKey(resource) == true, name, $"requests no {resource}");
                    Check(container.Resources?.Limits?.ContainsKey(resource) == true, name, $"limits no {resource}");
                }
            }
            if (template.Metadata.Labels[KubernetesNames.ComponentLabel] == ServiceManifests.Component)
            {
                var main = pod.Containers[0];
                Check(main.LivenessProbe?.HttpGet?.Path == "/alive", workload, "has no liveness probe on /alive");
                Check(main.ReadinessProbe?.HttpGet?.Path == "/health", workload, "has no readiness probe on /health");
            }
            else if (template.Metadata.Labels[KubernetesNames.ComponentLabel] != EngineManifests.DownloadComponent)
            {
                Check(pod.Containers.All(c => c.LivenessProbe is not null && c.ReadinessProbe is not null), workload, "lacks a liveness or readiness probe");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        void Check(bool condition, string what, string problem)
        {
            if (!condition)
            {
                problems.Add($"{overlay}: {what} {problem}");
            }
        }
    }

    [Fact]
    public void Writable_folders_are_emptyDirs_or_claims_and_every_mount_has_its_volume()
    {
        foreach (var overlay in PublishedTree.OverlayNames)
        {
            foreach (var (workload, template) in tree.PodTemplates(overlay))
            {
                var volumes = (template.Spec.Volumes ?? []).ToDictionary(v => v.Name);
                var claims = tree.ClaimTemplates(overlay, workload).ToHashSet();
                foreach (var mount in template.Spec.Containers.Concat(template.Spec.InitContainers ?? []).SelectMany(c => c.VolumeMounts ?? []))
                {
                    Assert.True(volumes.ContainsKey(mount.Name) || claims.Contains(mount.Name), $"{overlay}: {workload} mounts unknown volume {mount.Name}");
                }
                Assert.All(volumes.Values, v => Assert.True(
                    v.EmptyDir is not null || v.PersistentVolumeClaim is not null || v.ConfigMap is not null || v.Projected is not null,
                    $"{overlay}: {workload} volume {v.Name} is of an unexpected kind"));
            }
        }
    }

    private static bool IsEngine(V1PodTemplateSpec template) =>
        template.Metadata.Labels[KubernetesNames.ComponentLabel] == EngineManifests.Component;
}
