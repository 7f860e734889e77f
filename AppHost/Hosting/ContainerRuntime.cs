using System.Diagnostics;

namespace HybridInference.AppHost.Hosting;

/// <summary>
/// Tells whether a container engine can run the fabric's container resources. A container resource with no
/// running engine does not fail: its dependents wait forever, so the AppHost must know before it adds one.
/// </summary>
public static class ContainerRuntime
{
    /// <summary>Configuration key that forces the answer: <c>auto</c> (default), <c>none</c> or <c>docker</c>/<c>podman</c>.</summary>
    public const string ConfigurationKey = "Fabric:ContainerRuntime";

    private static readonly string[] Engines = ["docker", "podman"];

    /// <summary>True when <paramref name="setting"/> names an engine, or is <c>auto</c> and an engine answers <c>info</c> in time.</summary>
    public static bool IsUsable(string? setting, TimeSpan timeout) => setting?.ToLowerInvariant() switch
    {
        null or "" or "auto" => Engines.Any(engine => Answers(engine, timeout)),
        "none" => false,
        _ => true,
    };

    /// <summary>True when <c>&lt;engine&gt; info</c> exits with 0 within <paramref name="timeout"/>.</summary>
    public static bool Answers(string engine, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(engine, "info")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }
            // Drain output so a chatty engine cannot block on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
