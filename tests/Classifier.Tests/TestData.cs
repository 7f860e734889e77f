namespace HybridInference.Classifier.Tests;

/// <summary>Finds the shared datasets: <c>&lt;repo&gt;/../shared/datasets</c>, the repo being the folder with HybridInference.sln.</summary>
internal static class TestData
{
    public static string DatasetsDirectory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HybridInference.sln")))
            {
                var datasets = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                return Directory.Exists(Path.Combine(datasets, "routing")) && Directory.Exists(Path.Combine(datasets, "guard"))
                    ? datasets
                    : throw new DirectoryNotFoundException($"The classifier datasets are missing: expected routing/ and guard/ under {datasets}.");
            }
        }
        throw new DirectoryNotFoundException($"No HybridInference.sln above {AppContext.BaseDirectory}, so the datasets cannot be located.");
    }

    /// <summary>The committed models, as copied next to the test assembly.</summary>
    public static string ModelsDirectory => Path.Combine(AppContext.BaseDirectory, "Models");
}
