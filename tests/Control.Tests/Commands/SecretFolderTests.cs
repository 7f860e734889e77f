using HybridInference.Control.Commands;
using HybridInference.ServiceDefaults.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace HybridInference.Control.Tests.Commands;

/// <summary>A key <c>configure</c> writes reaches a running service's configuration (the Router's) without a restart.</summary>
public sealed class SecretFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("secret-folder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_written_replaced_and_restored_key_is_seen_by_a_reading_service()
    {
        var configuration = new ConfigurationBuilder().AddSecretFiles(_folder).Build();
        var secrets = new SecretFolder(_folder);
        Assert.Null(configuration["REMOTE_API_KEY"]);

        var previous = await secrets.ReplaceAsync("REMOTE_API_KEY", "sk-first", CancellationToken.None);
        await SeenAsync(configuration, "sk-first");
        Assert.Null(previous);

        previous = await secrets.ReplaceAsync("REMOTE_API_KEY", "sk-second", CancellationToken.None);
        await SeenAsync(configuration, "sk-second");
        Assert.Equal("sk-first", previous);

        await secrets.RestoreAsync("REMOTE_API_KEY", null, CancellationToken.None);
        await SeenAsync(configuration, null);
        // The file was written aside and renamed: no half-written or temporary secret was ever listed.
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    // Waits on the configuration's reload notifications, not on time.
    private static async Task SeenAsync(IConfigurationRoot configuration, string? expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (configuration["REMOTE_API_KEY"] != expected)
        {
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (ChangeToken.OnChange(configuration.GetReloadToken, () => reloaded.TrySetResult()))
            {
                if (configuration["REMOTE_API_KEY"] == expected)
                {
                    return;
                }
                await reloaded.Task.WaitAsync(deadline.Token);
            }
        }
    }
}
