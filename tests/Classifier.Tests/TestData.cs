using System.Diagnostics;

namespace HybridInference.Classifier.Tests;

/// <summary>
/// Finds the shared datasets: <c>&lt;repo&gt;/../shared/datasets</c>, the repo being the folder with HybridInference.sln;
/// for a clone made elsewhere (a temporary CI checkout of a local repository), the same place beside the repository it
/// was cloned from.
/// </summary>
internal static class TestData
{
    public static string DatasetsDirectory { get; } = Find();

    /// <summary>The committed models, as copied next to the test assembly.</summary>
    public static string ModelsDirectory => Path.Combine(AppContext.BaseDirectory, "Models");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HybridInference.sln")))
            {
                string?[] repositories = [dir.FullName, CloneOrigin(dir.FullName)];
                var candidates = repositories.OfType<string>().Select(repo => Path.GetFullPath(Path.Combine(repo, "..", "shared", "datasets"))).ToList();
                return candidates.FirstOrDefault(d => Directory.Exists(Path.Combine(d, "routing")) && Directory.Exists(Path.Combine(d, "guard")))
                    ?? throw new DirectoryNotFoundException($"The classifier datasets are missing: expected routing/ and guard/ under {string.Join(" or ", candidates)}.");
            }
        }
        throw new DirectoryNotFoundException($"No HybridInference.sln above {AppContext.BaseDirectory}, so the datasets cannot be located.");
    }

    // The local folder this repository was cloned from, when it was (git's origin is a path, not a URL).
    private static string? CloneOrigin(string repository)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repository, "config", "--get", "remote.origin.url"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }
            var origin = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && Path.IsPathRooted(origin) && Directory.Exists(origin) ? origin : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
