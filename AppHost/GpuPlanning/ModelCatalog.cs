using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HybridInference.AppHost.GpuPlanning;

/// <summary>
/// <c>Config/models.yaml</c>: the GPU the engines share and the models they serve, with the geometry the
/// VRAM planner needs and the vLLM flags it plans for.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The file's path under the AppHost's directory.</summary>
    public const string RelativePath = "Config/models.yaml";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>The GPU the engines share.</summary>
    public GpuSpec Gpu { get; init; } = new();

    /// <summary>The served models, in file order.</summary>
    public List<ServedModel> Models { get; init; } = [];

    /// <summary>The model with id <paramref name="id"/>; throws naming the file when it is missing.</summary>
    public ServedModel this[string id] => Models.FirstOrDefault(m => m.Id == id)
        ?? throw new InvalidOperationException($"{RelativePath} has no model '{id}'");

    /// <summary>Parses the YAML text of the catalog.</summary>
    public static ModelCatalog Parse(string yaml) => Yaml.Deserialize<ModelCatalog?>(yaml) ?? new ModelCatalog();

    /// <summary>
    /// Reads the AppHost's catalog; <c>Fabric:Revisions:&lt;model id&gt;</c> overrides a model's pinned revision
    /// (publishing still refuses one that is not a commit unless told otherwise).
    /// </summary>
    public static ModelCatalog Load(IDistributedApplicationBuilder builder)
    {
        var catalog = Parse(File.ReadAllText(Path.Combine(builder.AppHostDirectory, RelativePath)));
        foreach (var model in catalog.Models)
        {
            if (builder.Configuration[$"Fabric:Revisions:{model.Id}"] is { Length: > 0 } revision)
            {
                model.Revision = revision;
            }
        }
        return catalog;
    }
}

/// <summary>The GPU engines share.</summary>
public sealed class GpuSpec
{
    /// <summary>Product name, for the plan's table.</summary>
    public string Name { get; init; } = "GPU";
    /// <summary>Total memory in MiB, as <c>nvidia-smi --query-gpu=memory.total</c> prints it.</summary>
    public long MemoryMib { get; init; }
    /// <summary>Largest Σ <c>--gpu-memory-utilization</c> of the engines on this GPU; default 0.85.</summary>
    public double MaxUtilization { get; init; } = 0.85;
    /// <summary>Memory per engine beyond weights and KV cache (CUDA context, activations, CUDA graphs), in MiB.</summary>
    public long OverheadMib { get; init; } = 1536;
}
