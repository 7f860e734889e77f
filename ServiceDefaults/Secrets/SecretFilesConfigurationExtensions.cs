using Microsoft.Extensions.Configuration;

namespace HybridInference.ServiceDefaults.Secrets;

public static class SecretFilesConfigurationExtensions
{
    /// <summary>The folder Kubernetes and Docker mount secrets into.</summary>
    public const string DefaultSecretsDirectory = "/run/secrets";

    /// <summary>Configuration key naming another folder (e.g. the local fabric's), env <c>SecretFiles__Directory</c>.</summary>
    public const string DirectoryKey = "SecretFiles:Directory";

    /// <summary>
    /// Adds secrets read from files on top of every other source, so a file wins over a plain
    /// environment variable: each <c>NAME_FILE</c> variable becomes key <c>NAME</c>, and each file
    /// in <paramref name="directory"/> becomes a key named after the file (<c>__</c> separates sections).
    /// </summary>
    public static IConfigurationBuilder AddSecretFiles(this IConfigurationBuilder builder, string directory = DefaultSecretsDirectory) =>
        builder.Add(new SecretFilesConfigurationSource(directory, Environment.GetEnvironmentVariables()));
}
