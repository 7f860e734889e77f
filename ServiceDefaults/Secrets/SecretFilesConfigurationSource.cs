using System.Collections;
using Microsoft.Extensions.Configuration;

namespace HybridInference.ServiceDefaults.Secrets;

/// <summary>Secrets from <c>NAME_FILE</c> variables and a secrets folder; see <see cref="SecretFilesConfigurationExtensions"/>.</summary>
public sealed class SecretFilesConfigurationSource(string directory, IDictionary environment) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SecretFilesConfigurationProvider(directory, environment);
}

internal sealed class SecretFilesConfigurationProvider(string directory, IDictionary environment) : ConfigurationProvider
{
    private const string FileSuffix = "_FILE";

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                data[ToKey(Path.GetFileName(file))] = ReadSecret(file);
            }
        }
        // Explicit NAME_FILE variables name the file on purpose, so they win over the folder.
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is string name && name.EndsWith(FileSuffix, StringComparison.Ordinal) &&
                variable.Value is string path && File.Exists(path))
            {
                data[ToKey(name[..^FileSuffix.Length])] = ReadSecret(path);
            }
        }
        Data = data;
    }

    private static string ToKey(string name) => name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    // Secret files usually end with a newline that is not part of the secret.
    private static string ReadSecret(string path) => File.ReadAllText(path).TrimEnd('\r', '\n');
}
