using System.Diagnostics;

namespace HybridInference.Operations.Tests;

/// <summary>Runs an operator's tool (promtool, shellcheck, bash) to its end and hands back its exit code and output.</summary>
internal static class CommandLine
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<(int Exit, string Output)> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Runs and asserts success, showing everything the tool said when it did not succeed.</summary>
    public static async Task<string> SucceedAsync(string program, params string[] args)
    {
        var (exit, output) = await RunAsync(program, args);
        Assert.True(exit == 0, $"{program} {string.Join(' ', args)} exited {exit}:\n{output}");
        return output;
    }
}
