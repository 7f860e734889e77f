namespace HybridInference.AppHost.Hosting;

/// <summary>Finds programs on the PATH and runs servers that refuse root as an unprivileged user.</summary>
public static class Executables
{
    /// <summary>The user PostgreSQL runs as when the AppHost itself runs as root.</summary>
    public const string ServiceUser = "postgres";

    /// <summary>Full path of <paramref name="name"/> on the PATH, or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Whether this process runs as root (initdb and postgres refuse to).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// The command and leading arguments that run <paramref name="program"/> as <see cref="ServiceUser"/> when we are
    /// root: <c>setpriv</c> execs in place, so the orchestrator tracks (and stops) the server process itself.
    /// </summary>
    public static (string Command, string[] Prefix) AsServiceUser(string program) => IsRoot
        ? (Find("setpriv") ?? "setpriv", [$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--", Find(program) ?? program])
        : (Find(program) ?? program, []);
}
