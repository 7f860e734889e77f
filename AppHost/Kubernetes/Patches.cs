using k8s.Models;
using YamlDotNet.Serialization;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>Strategic-merge patches the overlays apply to the base, as typed partial objects where kustomize allows.</summary>
public static class Patches
{
    /// <summary>Turns a ClusterIP Service into a NodePort one on <paramref name="nodePort"/>.</summary>
    public static V1Service NodePort(string service, int port, int nodePort) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = service },
        Spec = new V1ServiceSpec
        {
            Type = "NodePort",
            Ports = [new V1ServicePort { Name = "http", Port = port, Protocol = "TCP", NodePort = nodePort }],
        },
    };

    /// <summary>A Deployment patch of <paramref name="name"/> changing only what <paramref name="pod"/> and <paramref name="spec"/> set.</summary>
    public static V1Deployment Deployment(string name, V1PodSpec pod, Action<V1DeploymentSpec>? spec = null)
    {
        var patch = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DeploymentSpec { Template = new V1PodTemplateSpec { Spec = pod } },
        };
        spec?.Invoke(patch.Spec);
        return patch;
    }

    /// <summary>
    /// A JSON 6902 patch replacing volumes of <paramref name="deployment"/> by name: a strategic merge would keep the
    /// old volume's source beside the new one.
    /// </summary>
    public static string ReplaceVolumes(V1Deployment deployment, params V1Volume[] volumes)
    {
        var current = deployment.Spec.Template.Spec.Volumes;
        var operations = volumes.Select(v => new Dictionary<string, object>
        {
            ["op"] = "replace",
            ["path"] = $"/spec/template/spec/volumes/{current.Select(c => c.Name).ToList().IndexOf(v.Name)}",
            ["value"] = v,
        });
        return k8s.KubernetesYaml.Serialize(operations.ToList());
    }

    /// <summary>Patches that remove whole objects (<c>$patch: delete</c>: a kustomize directive, not a Kubernetes type), one each.</summary>
    public static IEnumerable<Patch> Delete(IEnumerable<(string ApiVersion, string Kind, string Name)> objects) =>
        objects.Select(o => new Patch
        {
            Inline = new SerializerBuilder().Build().Serialize(new Dictionary<string, object>
            {
                ["$patch"] = "delete",
                ["apiVersion"] = o.ApiVersion,
                ["kind"] = o.Kind,
                ["metadata"] = new Dictionary<string, object> { ["name"] = o.Name },
            }),
        });

    /// <summary>The objects the base has for workload <paramref name="name"/> (what deleting it must remove).</summary>
    public static IEnumerable<(string ApiVersion, string Kind, string Name)> ObjectsOf(PublishedFabric fabric, string name)
    {
        if (fabric.Postgres?.Name == name)
        {
            yield return ("apps/v1", "StatefulSet", name);
        }
        else
        {
            yield return ("apps/v1", "Deployment", name);
        }
        if (fabric.Redis?.Name == name)
        {
            yield return ("v1", "PersistentVolumeClaim", name + "-data");
        }
        yield return ("v1", "Service", name);
        yield return ("networking.k8s.io/v1", "NetworkPolicy", name);
    }
}
