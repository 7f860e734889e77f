using System.Text;

namespace HybridInference.Control.Commands;

/// <summary>
/// The folder the Router reads secrets from (one file per secret, named after it). Files appear whole — written to a
/// dot file aside, then renamed — because the Router reloads the folder as soon as a file changes.
/// </summary>
internal sealed class SecretFolder(string directory)
{
    public string PathOf(string name) => Path.Combine(Path.GetFullPath(directory), name);

    /// <summary>Writes <paramref name="value"/> as secret <paramref name="name"/>; returns the value it replaced, if any.</summary>
    public async Task<string?> ReplaceAsync(string name, string value, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        var previous = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var aside = Path.Combine(Path.GetDirectoryName(path)!, "." + name + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var file = new StreamWriter(aside, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            await file.WriteAsync(value.AsMemory(), cancellationToken);
        }
        File.Move(aside, path, overwrite: true);
        return previous;
    }

    /// <summary>Puts back what <see cref="ReplaceAsync"/> replaced (or removes the secret when there was none).</summary>
    public async Task RestoreAsync(string name, string? previous, CancellationToken cancellationToken)
    {
        if (previous is null)
        {
            File.Delete(PathOf(name));
            return;
        }
        await ReplaceAsync(name, previous, cancellationToken);
    }
}
