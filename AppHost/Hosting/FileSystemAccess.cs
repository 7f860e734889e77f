namespace HybridInference.AppHost.Hosting;

/// <summary>File-system permissions the unprivileged service user needs.</summary>
public static class FileSystemAccess
{
    /// <summary>
    /// Lets other users traverse (not list) <paramref name="directory"/> and its ancestors, so a server running
    /// as the service user reaches its data directory even inside a private temporary folder.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void MakeTraversable(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var mode = current.UnixFileMode;
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                current.UnixFileMode = mode | UnixFileMode.OtherExecute;
            }
        }
    }
}
