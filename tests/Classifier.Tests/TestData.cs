namespace HybridInference.Classifier.Tests;

/// <summary>The datasets kept in the repository (<c>Classifier/Training/Data</c>) and the committed models.</summary>
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
                return Path.Combine(dir.FullName, "Classifier", "Training", "Data");
            }
        }
        throw new DirectoryNotFoundException($"No HybridInference.sln above {AppContext.BaseDirectory}, so the datasets cannot be located.");
    }
}
