namespace HybridInference.AppHost.Hosting;

/// <summary>Public services listen on the appliance's NodePorts locally too, so local and appliance URLs match.</summary>
public static class NodePortExtensions
{
    /// <summary>The Router's OpenAI-compatible API.</summary>
    public const int Router = 30801;
    /// <summary>The operator's Dashboard.</summary>
    public const int Dashboard = 30700;

    /// <summary>Puts the <c>http</c> endpoint on <paramref name="port"/> unless the fabric runs with random ports (tests).</summary>
    public static IResourceBuilder<ProjectResource> WithNodePort(
        this IResourceBuilder<ProjectResource> builder, FabricEnvironment fabric, int port) =>
        fabric.FixedPorts ? builder.WithEndpoint("http", endpoint => endpoint.Port = port) : builder;
}
