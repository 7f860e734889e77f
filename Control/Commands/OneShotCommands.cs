namespace HybridInference.Control.Commands;

/// <summary><c>migrate</c> and <c>configure</c>: commands that run once against the database and exit instead of serving.</summary>
internal static class OneShotCommands
{
    /// <summary>The command named by the first argument, or null when the service should run.</summary>
    public static string? Find(IReadOnlyList<string> args) => args is [var first, ..] && first is "migrate" or "configure" ? first : null;

    public static IHostApplicationBuilder AddOneShotCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConfigureCommand>();
        builder.Services.AddHttpClient<RemoteModelsProbe>(http => http.Timeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    /// <summary>Runs <paramref name="command"/> with the arguments that follow it and returns the process exit code.</summary>
    public static async Task<int> RunCommandAsync(this WebApplication app, string command, IReadOnlyList<string> args)
    {
        if (command == "migrate")
        {
            return await MigrateCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
        }
        await app.Services.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigureCommand>()
            .RunAsync(args, Console.In, Console.Out, interactive: !Console.IsInputRedirected, CancellationToken.None);
    }
}
