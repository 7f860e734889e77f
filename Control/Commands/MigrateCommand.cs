using HybridInference.Control.Database;

namespace HybridInference.Control.Commands;

/// <summary><c>migrate</c>: brings the database schema up to date (an init container or a deploy step runs it before the service).</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        await services.MigrateControlDbAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await output.WriteLineAsync("Control database is up to date.");
        return 0;
    }
}
