using System.Diagnostics;

namespace HybridInference.AppHost.Hosting;

/// <summary>Prepares a PostgreSQL data directory: reachable and owned by the service user, initialised once.</summary>
public static class PostgresDataDirectory
{
    /// <summary>Runs <c>initdb</c> unless <paramref name="directory"/> already holds a cluster.</summary>
    public static async Task EnsureInitializedAsync(string directory, string password, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (Executables.IsRoot && !OperatingSystem.IsWindows())
        {
            FileSystemAccess.MakeTraversable(Path.GetDirectoryName(Path.GetFullPath(directory))!);
            await RunAsync("chown", ["-R", $"{Executables.ServiceUser}:{Executables.ServiceUser}", directory], cancellationToken);
        }
        if (File.Exists(Path.Combine(directory, "PG_VERSION")))
        {
            return;
        }

        // initdb reads the password from a file, which must not sit inside the (still empty) data directory.
        var passwordFile = Path.GetFullPath(directory).TrimEnd('/') + ".initdb-password";
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            if (Executables.IsRoot)
            {
                await RunAsync("chown", [Executables.ServiceUser, passwordFile], cancellationToken);
            }
            var (command, prefix) = Executables.AsServiceUser("initdb");
            await RunAsync(command, [.. prefix, "-D", directory, "-U", LocalPostgresServerResource.UserName,
                "--auth=scram-sha-256", $"--pwfile={passwordFile}", "--encoding=UTF8", "--no-locale"], cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task RunAsync(string command, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
