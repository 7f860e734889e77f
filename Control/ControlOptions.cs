namespace HybridInference.Control;

/// <summary>Control's settings, section <c>Control</c>.</summary>
internal sealed record ControlOptions
{
    public const string Section = "Control";

    /// <summary>Bearer token of the admin API (a secret file or parameter); the admin API refuses everyone when unset.</summary>
    public string? AdminToken { get; init; }
    /// <summary>Bearer token the Router presents on <c>/v1/internal</c>; the internal API refuses everyone when unset.</summary>
    public string? InternalToken { get; init; }
    /// <summary>When set, a customer <c>dev</c> with a key whose secret is exactly this value is ensured at start.</summary>
    public string? DevKey { get; init; }
    /// <summary>YAML router config stored as version 1 when the database has no config yet.</summary>
    public string? SeedConfigFile { get; init; }
    /// <summary>Folder the <c>configure</c> command writes backend API keys to, one file per secret: the folder the Router reads secrets from (the fabric passes its own); default <c>.hybrid/secrets</c>.</summary>
    public string SecretsDirectory { get; init; } = ".hybrid/secrets";
    /// <summary>ISO 4217 currency of the catalog's prices and invoices; default <c>USD</c>.</summary>
    public string Currency { get; init; } = "USD";
    /// <summary>How long the Router may cache a key policy, in seconds; default 30.</summary>
    public int KeyCacheSeconds { get; init; } = 30;
    /// <summary>OIDC issuer (e.g. a Dex URL) whose JWTs the admin API accepts besides the admin token; off when unset.</summary>
    public string? OidcAuthority { get; init; }
    /// <summary>Audience the OIDC tokens must carry.</summary>
    public string? OidcAudience { get; init; }
    /// <summary>Claim an OIDC token must carry to administer Control, e.g. <c>groups</c> or <c>roles</c>; default <c>groups</c>.</summary>
    public string OidcAdminClaim { get; init; } = "groups";
    /// <summary>Value that claim must hold (the admins' group or role); required when <see cref="OidcAuthority"/> is set.</summary>
    public string? OidcAdminValue { get; init; }
}
