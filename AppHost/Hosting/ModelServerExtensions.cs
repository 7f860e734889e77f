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

    /// <summary>Adds the engine for <paramref name="model"/> as resource <paramref name="name"/>, with an <c>http</c> endpoint and health check.</summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddModelServer(
        this IDistributedApplicationBuilder builder, FabricEnvironment fabric, string name, ServedModel model)
    {
        if (fabric.Containers && fabric.Gpus)
        {
            return builder.AddContainer(name, VllmImage, VllmTag)
                .WithHttpEndpoint(targetPort: 8000, name: "http")
                .WithArgs("--model", model.HuggingFaceId, "--revision", model.Revision, "--served-model-name", model.Id,
                    "--gpu-memory-utilization", "0.90", "--max-model-len", model.MaxModelLength.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("HF_HUB_OFFLINE", "1")
                .WithContainerRuntimeArgs("--gpus=all")
                .WithVolume($"{name}-models", "/root/.cache/huggingface")
                .WithHttpHealthCheck("/health");
        }
        return builder.AddSimulator(name, model.Id, model.ExtraIds);
    }

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

/// <summary>A model an engine serves.</summary>
/// <param name="Id">The name clients and the Router use (vLLM's <c>--served-model-name</c>).</param>
/// <param name="HuggingFaceId">Where the weights come from.</param>
/// <param name="Revision">The pinned commit of the weights.</param>
/// <param name="MaxModelLength">vLLM's <c>--max-model-len</c>.</param>
/// <param name="ExtraIds">Further names the stand-in serves (a second model that would be its own engine on GPUs).</param>
public sealed record ServedModel(string Id, string HuggingFaceId, string Revision, int MaxModelLength, IReadOnlyList<string> ExtraIds);
