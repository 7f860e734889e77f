using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HybridInference.AppHost.Hosting;

/// <summary>Adds PostgreSQL as a local process: <c>initdb</c> once, then <c>postgres</c> on a port the orchestrator allocates.</summary>
public static class LocalPostgresBuilderExtensions
{
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var (command, prefix) = Executables.AsServiceUser("postgres");
        Directory.CreateDirectory(dataDirectory);
        var server = new LocalPostgresServerResource(name, command, dataDirectory, password);

        var healthCheckKey = $"{name}_ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new PostgresConnectionCheck(server), failureStatus: null, tags: null));

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, cancellationToken) =>
            await PostgresDataDirectory.EnsureInitializedAsync(
                dataDirectory, (await password.GetValueAsync(cancellationToken))!, cancellationToken));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (readyEvent, cancellationToken) =>
            await CreateDatabasesAsync(server, readyEvent.Services.GetRequiredService<ResourceNotificationService>(), cancellationToken));

        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                foreach (var argument in prefix)
                {
                    context.Args.Add(argument);
                }
                context.Args.Add("-D");
                context.Args.Add(dataDirectory);
                context.Args.Add("-k");
                context.Args.Add(dataDirectory);
                context.Args.Add("-h");
                context.Args.Add("127.0.0.1");
                context.Args.Add("-p");
                // The orchestrator proxies the public port; the server listens on the target port behind it.
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("DatabaseStack");
    }

    /// <summary>Adds a database that is created on the server as soon as the server is ready.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);

        var healthCheckKey = $"{name}_ready";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new PostgresConnectionCheck(database), failureStatus: null, tags: null));
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database");
    }

    // A database is a custom resource: nothing runs it, so it is marked running here once it exists,
    // which starts its health checks and releases everything that waits for it.
    private static async Task CreateDatabasesAsync(
        LocalPostgresServerResource server, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await server.ConnectionStringExpression.GetValueAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        foreach (var database in server.Databases)
        {
            var databaseName = database.DatabaseName;
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(databaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // Identifiers cannot be parameters; the name comes from the AppHost's own code, quoted anyway.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"")}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await notifications.PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        }
    }
}
