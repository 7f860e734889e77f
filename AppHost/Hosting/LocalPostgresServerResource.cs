namespace HybridInference.AppHost.Hosting;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries as a local process: the stand-in for
/// Aspire's container resource where no container engine runs. Same connection string shape.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    internal const string UserName = "postgres";

    /// <summary>Where the cluster's files live; kept across runs.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The superuser's password, generated once and kept in the AppHost's user secrets.</summary>
    public ParameterResource Password { get; } = password;

    /// <summary>The TCP endpoint clients connect to.</summary>
    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    /// <summary>Databases created on this server once it is ready.</summary>
    internal List<LocalPostgresDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}
