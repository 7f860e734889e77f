namespace HybridInference.AppHost.Hosting;

/// <summary>What the machine offers the fabric: a container engine or not, GPUs or not, and where local state lives.</summary>
/// <param name="Containers">A container engine answers, so infrastructure runs as Aspire's container resources.</param>
/// <param name="Gpus">NVIDIA GPUs are present, so vLLM engines can run as containers.</param>
/// <param name="StateDirectory">Git-ignored folder for databases, Redis data and <c>run.json</c>.</param>
/// <param name="FixedPorts">Whether public services take the appliance's NodePorts; tests turn it off so runs never collide.</param>
public sealed record FabricEnvironment(bool Containers, bool Gpus, string StateDirectory, bool FixedPorts)
{
    /// <summary>Configuration key of <see cref="FixedPorts"/>; default true.</summary>
    public const string FixedPortsKey = "Fabric:FixedPorts";

    /// <summary>Configuration key of <see cref="StateDirectory"/>; default <c>.hybrid</c> at the repository root.</summary>
    public const string StateDirectoryKey = "Fabric:StateDirectory";

    /// <summary>Reads the environment once, at model-building time.</summary>
    public static FabricEnvironment Detect(IDistributedApplicationBuilder builder)
    {
        // Publishing always describes the real container resources.
        var containers = builder.ExecutionContext.IsPublishMode ||
            ContainerRuntime.IsUsable(builder.Configuration[ContainerRuntime.ConfigurationKey], TimeSpan.FromSeconds(5));
        var gpus = builder.ExecutionContext.IsPublishMode || Executables.Find("nvidia-smi") is not null;
        var state = builder.Configuration[StateDirectoryKey] ?? Path.Combine(builder.AppHostDirectory, "..", ".hybrid");
        var fixedPorts = !string.Equals(builder.Configuration[FixedPortsKey], "false", StringComparison.OrdinalIgnoreCase);
        return new FabricEnvironment(containers, gpus, Path.GetFullPath(state), fixedPorts);
    }

    /// <summary>Folder of secret files shared by Control's <c>configure</c> and the Router (<c>.hybrid/secrets</c> by default).</summary>
    public string SecretsDirectory => Path.Combine(StateDirectory, "secrets");

    /// <summary>Folder for one resource's data under <see cref="StateDirectory"/>.</summary>
    public string DataDirectory(string resourceName) => Path.Combine(StateDirectory, "data", resourceName);
}
