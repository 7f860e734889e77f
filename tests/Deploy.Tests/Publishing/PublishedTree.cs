using System.Reflection;
using HybridInference.AppHost.Kubernetes;
using k8s;
using k8s.Models;

namespace HybridInference.Deploy.Tests.Publishing;

/// <summary>
/// The default fabric published once by the real AppHost into a temporary folder, every overlay built by
/// <c>kubectl kustomize</c> and every document parsed strictly as its Kubernetes type.
/// </summary>
public sealed class PublishedTree : IAsyncLifetime
{
    /// <summary>The overlays the tree must hold.</summary>
    public static readonly string[] OverlayNames = ["appliance-full", "appliance-slim", "cluster"];

    /// <summary>The publish output folder.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("hybrid-publish-").FullName;

    /// <summary>What the publish step printed.</summary>
    public string Log { get; private set; } = "";

    /// <summary>kubectl kustomize's output per overlay.</summary>
    public Dictionary<string, string> Built { get; } = [];

    /// <summary>The typed objects per overlay.</summary>
    public Dictionary<string, IReadOnlyList<object>> Objects { get; } = [];

    /// <summary>apiVersion/kind → model type: every type KubernetesClient knows, and KubeAI's Model.</summary>
    public static IDictionary<string, Type> TypeMap { get; } = BuildTypeMap();

    public async Task InitializeAsync()
    {
        var (exitCode, output) = await AppHostProcess.PublishAsync(Folder);
        Log = output;
        Assert.True(exitCode == 0, $"publish failed ({exitCode}):\n{output}");
        foreach (var overlay in OverlayNames)
        {
            var built = await Kubectl.KustomizeAsync(Path.Combine(Folder, "overlays", overlay));
            Built[overlay] = built;
            Objects[overlay] = KubernetesYaml.LoadAllFromString(built, TypeMap, strict: true);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The volume claim templates of <paramref name="workload"/> (a StatefulSet's), by name.</summary>
    public IEnumerable<string> ClaimTemplates(string overlay, string workload) =>
        OfType<V1StatefulSet>(overlay).Where(s => $"StatefulSet/{s.Metadata.Name}" == workload)
            .SelectMany(s => s.Spec.VolumeClaimTemplates ?? []).Select(c => c.Metadata.Name);

    /// <summary>Every pod template of <paramref name="overlay"/>, with the workload's kind and name.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates(string overlay)
    {
        foreach (var item in Objects[overlay])
        {
            switch (item)
            {
                case V1Deployment d: yield return ($"Deployment/{d.Metadata.Name}", d.Spec.Template); break;
                case V1StatefulSet s: yield return ($"StatefulSet/{s.Metadata.Name}", s.Spec.Template); break;
                case V1Job j: yield return ($"Job/{j.Metadata.Name}", j.Spec.Template); break;
            }
        }
    }

    /// <summary>All objects of type <typeparamref name="T"/> in <paramref name="overlay"/>.</summary>
    public IEnumerable<T> OfType<T>(string overlay) => Objects[overlay].OfType<T>();

    private static Dictionary<string, Type> BuildTypeMap()
    {
        var map = new Dictionary<string, Type>();
        foreach (var type in typeof(V1Pod).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind.Length: > 0 } entity && !type.Name.EndsWith("List", StringComparison.Ordinal))
            {
                var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
                map.TryAdd($"{apiVersion}/{entity.Kind}", type);
            }
        }
        map[$"{KubeAiModel.KubeApiVersion}/{KubeAiModel.KubeKind}"] = typeof(KubeAiModel);
        return map;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedTreeCollection : ICollectionFixture<PublishedTree>
{
    public const string Name = "published tree";
}
