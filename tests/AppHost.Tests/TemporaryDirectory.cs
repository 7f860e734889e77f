namespace HybridInference.AppHost.Tests;

/// <summary>A folder the service user can reach, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("hybrid-test-").FullName;
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
