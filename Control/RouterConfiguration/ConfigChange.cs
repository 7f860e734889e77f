namespace HybridInference.Control.RouterConfiguration;

/// <summary>Outcome of a config change: the new version, or why the changed config was refused.</summary>
internal sealed record ConfigChange(long Version, IReadOnlyList<string> Errors)
{
    public bool Accepted => Errors.Count == 0;

    public static ConfigChange Refused(IReadOnlyList<string> errors) => new(0, errors);
}
