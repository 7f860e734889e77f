using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HybridInference.Control.Database;

internal static partial class DatabaseExtensions
{
    /// <summary>One <see cref="NpgsqlDataSource"/> on <c>ConnectionStrings:controldb</c> for EF Core and the hand-written SQL.</summary>
    public static IHostApplicationBuilder AddControlDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("controldb")
            ?? throw new InvalidOperationException("ConnectionStrings:controldb is not set");
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddDbContext<ControlDb>((services, options) => options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("controldb");
        return builder;
    }

    /// <summary>Applies pending migrations, waiting up to <paramref name="patience"/> for the server to accept connections.</summary>
    public static async Task MigrateControlDbAsync(this IServiceProvider services, TimeSpan patience, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("HybridInference.Control.Database");
        var time = services.GetRequiredService<TimeProvider>();
        var giveUp = time.GetUtcNow() + patience;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<ControlDb>().Database.MigrateAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && time.GetUtcNow() < giveUp)
            {
                WaitingForDatabase(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL not reachable yet ({Reason}); retrying")]
    private static partial void WaitingForDatabase(ILogger logger, string reason);
}
