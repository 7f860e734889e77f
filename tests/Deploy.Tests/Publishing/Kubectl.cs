using System.Diagnostics;

namespace HybridInference.Deploy.Tests.Publishing;

/// <summary>The real <c>kubectl kustomize</c>.</summary>
internal static class Kubectl
{
    /// <summary>Builds the kustomization in <paramref name="folder"/>; throws with kubectl's message when it fails.</summary>
    public static async Task<string> KustomizeAsync(string folder)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {folder} failed ({process.ExitCode}): {await error}");
        }
        return await output;
    }
}
