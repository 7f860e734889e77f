namespace HybridInference.Deploy.Tests.Publishing;

/// <summary>A fresh folder, deleted with its contents on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hybrid-deploy-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
