using HybridInference.AppHost.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace HybridInference.AppHost.Tests.Hosting;

/// <summary>PostgreSQL and Redis as local processes under Aspire's orchestrator: health, connection strings, restarts, cleanup.</summary>
public sealed class LocalInfrastructureTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void Connection_strings_have_the_shape_of_the_container_resources()
    {
        using var state = new TemporaryDirectory();
        var builder = DistributedApplication.CreateBuilder();

        var server = builder.AddLocalPostgres("pg", Path.Combine(state.Path, "pg"));
        var database = server.AddDatabase("orders");
        var redis = builder.AddLocalRedis("cache", "/usr/bin/redis-server", Path.Combine(state.Path, "redis"));

        Assert.Equal("Host={pg.bindings.tcp.host};Port={pg.bindings.tcp.port};Username=postgres;Password={pg-password.value}",
            server.Resource.ConnectionStringExpression.ValueExpression);
        Assert.Equal("{pg.connectionString};Database=orders", database.Resource.ConnectionStringExpression.ValueExpression);
        Assert.Equal("{cache.bindings.tcp.host}:{cache.bindings.tcp.port},password={cache-password.value}",
            redis.Resource.ConnectionStringExpression.ValueExpression);
    }

    [Fact]
    public async Task Postgres_and_redis_run_as_local_processes_keep_their_data_and_leave_nothing_behind()
    {
        using var state = new TemporaryDirectory();
        var pgData = Path.Combine(state.Path, "pg");
        var redisData = Path.Combine(state.Path, "redis");

        await using (var app = await StartAsync(pgData, redisData))
        {
            await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("orders"));
            await connection.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('survives')", connection).ExecuteNonQueryAsync();

            await using var redis = await ConnectionMultiplexer.ConnectAsync(await app.GetConnectionStringAsync("cache") ?? "");
            await redis.GetDatabase().StringSetAsync("kept", "survives");
            await app.StopAsync();
        }
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(pgData, ExitDeadline));
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(redisData, ExitDeadline));

        await using (var app = await StartAsync(pgData, redisData))
        {
            await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("orders"));
            await connection.OpenAsync();
            Assert.Equal("survives", await new NpgsqlCommand("SELECT value FROM kept", connection).ExecuteScalarAsync());

            await using var redis = await ConnectionMultiplexer.ConnectAsync(await app.GetConnectionStringAsync("cache") ?? "");
            Assert.Equal("survives", (string?)await redis.GetDatabase().StringGetAsync("kept"));
            await app.StopAsync();
        }
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(pgData, ExitDeadline));
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(redisData, ExitDeadline));
    }

    private static async Task<DistributedApplication> StartAsync(string pgData, string redisData)
    {
        var builder = DistributedApplicationTestingBuilder.Create(Array.Empty<string>(), (options, _) =>
        {
            options.DisableDashboard = true;
            // The AppHost assembly carries the paths of the orchestrator it was built with.
            options.AssemblyName = typeof(ContainerRuntime).Assembly.GetName().Name;
        });
        // Fixed secrets, so the second run authenticates against the data the first one wrote.
        builder.Configuration["Parameters:pg-password"] = "local-infrastructure-test";
        builder.Configuration["Parameters:cache-password"] = "local-infrastructure-test";
        builder.AddLocalPostgres("pg", pgData).AddDatabase("orders");
        builder.AddLocalRedis("cache", Executables.Find("redis-server") ?? "redis-server", redisData);

        var app = builder.Build();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("orders", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
        return app;
    }
}
