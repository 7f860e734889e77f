namespace HybridInference.AppHost.Hosting;

/// <summary>
/// The local fabric's stand-in for <c>/run/secrets</c>: one folder under the state directory, where Control's
/// <c>configure</c> writes a remote backend's key and from which the Router reads (and reloads) its secrets.
/// </summary>
public static class SecretsFolderExtensions
{
    /// <summary>Passes the folder to a service in <paramref name="variable"/>; run mode only (a published tree mounts real Secrets).</summary>
    public static IResourceBuilder<T> WithSecretsFolder<T>(this IResourceBuilder<T> builder, FabricEnvironment fabric, string variable)
        where T : IResourceWithEnvironment
    {
        if (!builder.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return builder;
        }
        // It exists before the Router starts, so the Router can watch it; only the fabric's user may read it.
        var folder = Directory.CreateDirectory(fabric.SecretsDirectory);
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
        return builder.WithEnvironment(variable, fabric.SecretsDirectory);
    }
}
