using System.Collections;
using Microsoft.Extensions.Configuration;

namespace HybridInference.ServiceDefaults.Secrets;

/// <summary>Secrets from <c>NAME_FILE</c> variables and a secrets folder; see <see cref="SecretFilesConfigurationExtensions"/>.</summary>
public sealed class SecretFilesConfigurationSource(string directory, IDictionary environment) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SecretFilesConfigurationProvider(directory, environment);
}

/// <summary>Reloads when a file in the folder appears, changes or goes, so a key written after start is read without a restart.</summary>
internal sealed class SecretFilesConfigurationProvider : ConfigurationProvider, IDisposable
{
    private const string FileSuffix = "_FILE";
    private readonly string _directory;
    private readonly IDictionary _environment;
    private readonly FileSystemWatcher? _watcher;

    public SecretFilesConfigurationProvider(string directory, IDictionary environment)
    {
        (_directory, _environment) = (directory, environment);
        if (Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false };
            _watcher.Created += (_, _) => Reload();
            _watcher.Changed += (_, _) => Reload();
            _watcher.Deleted += (_, _) => Reload();
            _watcher.Renamed += (_, _) => Reload();
            _watcher.EnableRaisingEvents = true;
        }
    }

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(_directory))
        {
            foreach (var file in Directory.EnumerateFiles(_directory))
            {
                // Dot files are a writer's temporary files or Kubernetes' own (..data).
                if (!Path.GetFileName(file).StartsWith('.') && TryReadSecret(file) is { } secret)
                {
                    data[ToKey(Path.GetFileName(file))] = secret;
                }
            }
        }
        // Explicit NAME_FILE variables name the file on purpose, so they win over the folder.
        foreach (DictionaryEntry variable in _environment)
        {
            if (variable.Key is string name && name.EndsWith(FileSuffix, StringComparison.Ordinal) &&
                variable.Value is string path && TryReadSecret(path) is { } secret)
            {
                data[ToKey(name[..^FileSuffix.Length])] = secret;
            }
        }
        Data = data;
    }

    public void Dispose() => _watcher?.Dispose();

    private void Reload()
    {
        Load();
        OnReload();
    }

    private static string ToKey(string name) => name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    // Secret files usually end with a newline that is not part of the secret; one removed while listed is skipped.
    private static string? TryReadSecret(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
