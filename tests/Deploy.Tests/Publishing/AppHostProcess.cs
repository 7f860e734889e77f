using System.Diagnostics;

namespace HybridInference.Deploy.Tests.Publishing;

/// <summary>Runs the real AppHost (the build beside the tests) with a command line, as an operator would.</summary>
internal static class AppHostProcess
{
    /// <summary>The repository's root, found from the test's folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs the AppHost with <paramref name="arguments"/>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AppHost.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A container engine on the test machine must not matter: publishing never asks for one.
        start.Environment["Fabric__ContainerRuntime"] = "none";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Publishes into <paramref name="output"/> with extra <paramref name="arguments"/>.</summary>
    public static Task<(int ExitCode, string Output)> PublishAsync(string output, params string[] arguments) =>
        RunAsync(["--operation", "publish", "--step", "publish", "--output-path", output, .. arguments]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HybridInference.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("HybridInference.sln not found above " + AppContext.BaseDirectory);
    }
}
