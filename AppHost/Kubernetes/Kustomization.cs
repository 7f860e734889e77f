using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>A <c>kustomization.yaml</c>: an overlay or base (<c>Kustomization</c>) or a reusable <c>Component</c>.</summary>
public sealed class Kustomization
{
    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .DisableAliases()
        .Build();

    /// <summary>A Kustomization (base or overlay).</summary>
    public static Kustomization Overlay() => new() { ApiVersion = "kustomize.config.k8s.io/v1beta1", Kind = "Kustomization" };

    /// <summary>A Component, which overlays include with <c>components:</c>.</summary>
    public static Kustomization Component() => new() { ApiVersion = "kustomize.config.k8s.io/v1alpha1", Kind = "Component" };

    /// <summary>kustomize's API version.</summary>
    public string ApiVersion { get; init; } = "";
    /// <summary><c>Kustomization</c> or <c>Component</c>.</summary>
    public string Kind { get; init; } = "";
    /// <summary>The namespace every object is put in.</summary>
    public string? Namespace { get; set; }
    /// <summary>Files and folders of objects.</summary>
    public List<string> Resources { get; } = [];
    /// <summary>Components included.</summary>
    public List<string> Components { get; } = [];
    /// <summary>ConfigMaps made from files.</summary>
    public List<Generator> ConfigMapGenerator { get; } = [];
    /// <summary>Secrets made from files.</summary>
    public List<Generator> SecretGenerator { get; } = [];
    /// <summary>Options of the generators.</summary>
    public GeneratorOptions? GeneratorOptions { get; set; }
    /// <summary>Patches applied to the resources.</summary>
    public List<Patch> Patches { get; } = [];
    /// <summary>Image names and tags the operator may change in one place.</summary>
    public List<ImageOverride> Images { get; } = [];

    /// <summary>The file's text.</summary>
    public string ToYaml() => Yaml.Serialize(this);
}

/// <summary>A ConfigMap or Secret generator.</summary>
public sealed class Generator
{
    /// <summary>Name of the generated object.</summary>
    public string Name { get; init; } = "";
    /// <summary>Files whose name is the key and content the value.</summary>
    public List<string> Files { get; init; } = [];
    /// <summary>Env files of <c>KEY=value</c> lines.</summary>
    public List<string> Envs { get; init; } = [];
}

/// <summary>Generator options.</summary>
public sealed class GeneratorOptions
{
    /// <summary>Keep the plain name (other tools refer to it by name).</summary>
    public bool DisableNameSuffixHash { get; init; }
}

/// <summary>A patch file, optionally aimed at a target (JSON 6902 patches need one).</summary>
public sealed class Patch
{
    /// <summary>The patch file.</summary>
    public string? Path { get; init; }
    /// <summary>The patch itself, written inline (kustomize takes one <c>$patch: delete</c> per patch).</summary>
    [YamlMember(Alias = "patch", ScalarStyle = YamlDotNet.Core.ScalarStyle.Literal)]
    public string? Inline { get; init; }
    /// <summary>The object a JSON 6902 patch applies to.</summary>
    public PatchTarget? Target { get; init; }
}

/// <summary>The object a patch applies to.</summary>
public sealed class PatchTarget
{
    /// <summary>Its kind.</summary>
    public string Kind { get; init; } = "";
    /// <summary>Its name.</summary>
    public string Name { get; init; } = "";
}

/// <summary>An image override.</summary>
public sealed class ImageOverride
{
    /// <summary>The image as the manifests name it.</summary>
    public string Name { get; init; } = "";
    /// <summary>Where the operator's registry keeps it.</summary>
    public string NewName { get; init; } = "";
    /// <summary>The tag to run.</summary>
    public string NewTag { get; init; } = "";
}
