using System.Globalization;
using HybridInference.AppHost.GpuPlanning;

namespace HybridInference.AppHost.Hosting;

/// <summary>
/// A model server: a pinned vLLM container on machines with a container engine and GPUs (and always when
/// publishing), a <c>Simulator</c> process serving the same model name everywhere else.
/// </summary>
public static class ModelServerExtensions
{
    /// <summary>The vLLM image, pinned.</summary>
    public const string VllmImage = "vllm/vllm-openai";
    /// <summary>The vLLM image tag.</summary>
    public const string VllmTag = "v0.11.0";
    /// <summary>Where the engine's model-cache volume is mounted; the Hugging Face cache lives below it.</summary>
    public const string ModelCachePath = "/models";
    /// <summary>The Hugging Face cache folder (<c>HF_HOME</c>) on the model-cache volume.</summary>
    public const string HuggingFaceHome = ModelCachePath + "/huggingface";

    /// <summary>
    /// Adds the engine for <paramref name="model"/> as resource <paramref name="name"/>, with an <c>http</c> endpoint
    /// and health check. An engine given <paramref name="sharesGpuAfter"/> shares that engine's GPU, so it starts only
    /// once that one is healthy: two engines profiling free GPU memory at once would both over-allocate.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddModelServer(
        this IDistributedApplicationBuilder builder, FabricEnvironment fabric, string name, ServedModel model,
        IResourceBuilder<IResourceWithEndpoints>? sharesGpuAfter = null)
    {
        if (!fabric.Containers || !fabric.Gpus)
        {
            return builder.AddSimulator(name, model.Id, model.StandInExtraIds);
        }
        var engine = builder.AddContainer(name, VllmImage, VllmTag)
            .WithAnnotation(new ServedModelAnnotation(model))
            .WithHttpEndpoint(targetPort: 8000, name: "http")
            .WithArgs(VllmArgs(model))
            .WithEnvironment("HF_HUB_OFFLINE", "1")
            .WithEnvironment("HF_HOME", HuggingFaceHome)
            .WithContainerRuntimeArgs("--gpus=all")
            .WithVolume($"{name}-models", ModelCachePath)
            .WithHttpHealthCheck("/health");
        if (sharesGpuAfter?.Resource is IResourceWithWaitSupport)
        {
            engine.WaitFor(sharesGpuAfter);
        }
        return engine;
    }

    /// <summary>vLLM's command line for <paramref name="model"/>: the pinned weights and the flags its GPU plan assumes.</summary>
    public static string[] VllmArgs(ServedModel model) =>
    [
        "--model", model.HuggingFaceId,
        "--revision", model.Revision,
        "--served-model-name", model.Id,
        "--gpu-memory-utilization", VramPlanner.Fraction(model.GpuMemoryUtilization),
        "--max-model-len", model.MaxModelLen.ToString(CultureInfo.InvariantCulture),
        "--max-num-seqs", model.MaxNumSeqs.ToString(CultureInfo.InvariantCulture),
        "--kv-cache-dtype", model.KvCacheDtype,
    ];

    /// <summary>A Simulator process serving <paramref name="modelId"/> (and <paramref name="extraIds"/>).</summary>
    public static IResourceBuilder<ProjectResource> AddSimulator(
        this IDistributedApplicationBuilder builder, string name, string modelId, IReadOnlyList<string> extraIds)
    {
        var simulator = builder.AddProject<Projects.Simulator>(name).WithAnyFreePort()
            .WithEnvironment("Simulator__Models__0", modelId)
            .WithEnvironment("Simulator__TimeToFirstTokenMs", "40")
            .WithEnvironment("Simulator__TokensPerSecond", "200")
            .WithHttpHealthCheck("/health");
        for (var i = 0; i < extraIds.Count; i++)
        {
            simulator.WithEnvironment($"Simulator__Models__{i + 1}", extraIds[i]);
        }
        return simulator;
    }

    /// <summary>References a model server's <c>http</c> endpoint (service discovery) and waits until it is healthy.</summary>
    public static IResourceBuilder<T> WithModelServer<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithEndpoints> server)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        builder.WithReference(server.GetEndpoint("http")).WaitFor(server);
}

/// <summary>Marks a vLLM container with the model it serves, for the GPU plan and the published manifests.</summary>
public sealed record ServedModelAnnotation(ServedModel Model) : IResourceAnnotation;
