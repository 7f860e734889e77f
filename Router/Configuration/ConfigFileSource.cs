using HybridInference.Contracts.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HybridInference.Router.Configuration;

/// <summary>
/// Loads the YAML routing config at start (the config in file mode, the bootstrap config in control mode) and, in file
/// mode, reloads it whenever the file changes.
/// </summary>
internal sealed class ConfigFileSource(
    RouterConfigStore store, IOptions<RouterOptions> options, ControlEndpoints control, IHostEnvironment environment) : IHostedService, IDisposable
{
    private PhysicalFileProvider? _files;
    private IDisposable? _watch;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ConfigFile is not { Length: > 0 } configured)
        {
            return;
        }
        var path = Path.GetFullPath(configured, environment.ContentRootPath);
        await LoadAsync(path, cancellationToken);
        if (!control.UsesControlConfig && Path.GetDirectoryName(path) is { } directory && Directory.Exists(directory))
        {
            _files = new PhysicalFileProvider(directory) { UsePollingFileWatcher = false };
            _watch = ChangeToken.OnChange(() => _files.Watch(Path.GetFileName(path)), () => _ = LoadAsync(path, CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync(string path, CancellationToken cancellationToken)
    {
        var origin = "file:" + path;
        RouterConfig config;
        try
        {
            config = RouterConfigYaml.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            store.Reject(origin, ex.Message);
            return;
        }
        await store.ApplyAsync(config, origin, cancellationToken);
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
    }
}
