namespace HybridInference.AppHost.Hosting;

/// <summary>
/// Public services listen on the appliance's NodePorts locally too, so local and appliance URLs match; every other
/// service takes whatever port is free, so several engines of one project never fight over their launch profile's port.
/// </summary>
public static class EndpointPortExtensions
{
    /// <summary>The Router's OpenAI-compatible API.</summary>
    public const int Router = 30801;
    /// <summary>The operator's Dashboard.</summary>
    public const int Dashboard = 30700;

    /// <summary>Puts the <c>http</c> endpoint on <paramref name="port"/> unless the fabric runs with random ports (tests).</summary>
    public static IResourceBuilder<ProjectResource> WithNodePort(
        this IResourceBuilder<ProjectResource> builder, FabricEnvironment fabric, int port) =>
        builder.WithEndpoint("http", endpoint => endpoint.Port = fabric.FixedPorts ? port : null);

    /// <summary>Lets the orchestrator pick the <c>http</c> endpoint's port instead of the launch profile's.</summary>
    public static IResourceBuilder<ProjectResource> WithAnyFreePort(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithEndpoint("http", endpoint => endpoint.Port = null);
}
