namespace HybridInference.AppHost.Hosting;

/// <summary>A <c>redis-server</c> run as a local process: the stand-in for Aspire's Redis container.</summary>
public sealed class LocalRedisResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    /// <summary>The password clients authenticate with, generated once and kept in the AppHost's user secrets.</summary>
    public ParameterResource Password { get; } = password;

    /// <summary>The TCP endpoint clients connect to.</summary>
    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={Password}");
}
