using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>Metadata and selectors, with labels in a stable order so a rerun writes the same bytes.</summary>
public static class ObjectMeta
{
    /// <summary>Metadata of an object belonging to workload <paramref name="name"/> in role <paramref name="component"/>.</summary>
    public static V1ObjectMeta Of(string name, string component, string? workload = null) => new()
    {
        Name = name,
        Labels = Labels(workload ?? name, component),
    };

    /// <summary>The labels of a workload's objects and pods.</summary>
    public static IDictionary<string, string> Labels(string workload, string component) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [KubernetesNames.ComponentLabel] = component,
            [KubernetesNames.NameLabel] = workload,
            [KubernetesNames.PartOfLabel] = KubernetesNames.PartOf,
        };

    /// <summary>The selector of a workload's pods.</summary>
    public static V1LabelSelector Selector(string workload) => new()
    {
        MatchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [KubernetesNames.NameLabel] = workload },
    };

    /// <summary>A sorted string map (annotations, ConfigMap data).</summary>
    public static IDictionary<string, string> Map(params (string Key, string Value)[] entries)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }
        return map;
    }

    /// <summary>
    /// A one-replica Deployment of workload <paramref name="name"/> running <paramref name="pod"/>; <paramref name="recreate"/>
    /// for pods that hold a ReadWriteOnce claim or a GPU, which the old pod must free first.
    /// </summary>
    public static V1Deployment Deployment(string name, string component, V1PodSpec pod, bool recreate = false) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Of(name, component),
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            RevisionHistoryLimit = 3,
            Strategy = recreate ? new V1DeploymentStrategy { Type = "Recreate" } : null,
            Selector = Selector(name),
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Labels(name, component) },
                Spec = pod,
            },
        },
    };
}
