namespace HybridInference.Tests.Shared;

/// <summary>The checkout the tests were built from: the folder above their build output that holds <c>HybridInference.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository, e.g. <c>Combine("deploy", "monitoring")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "HybridInference.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("HybridInference.sln not found above " + AppContext.BaseDirectory);
    }
}
