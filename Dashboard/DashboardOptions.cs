namespace HybridInference.Dashboard;

/// <summary>The Dashboard's settings, section <c>Dashboard</c>.</summary>
internal sealed record DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The fabric's admin token: operators sign in with it, and the Dashboard calls Control and the Router with it.</summary>
    public string? AdminToken { get; init; }
    /// <summary>How long a sign-in lasts, in minutes (not renewed by activity); default 480.</summary>
    public double SessionMinutes { get; init; } = 480;
    /// <summary>How often an open page re-checks that its session is still valid, in seconds; default 15.</summary>
    public double SessionCheckSeconds { get; init; } = 15;
    /// <summary>Base address of the Aspire dashboard; a decision's trace link is <c>{this}/traces/detail/{trace id}</c>. No links when unset.</summary>
    public string? TracesUrl { get; init; }
    /// <summary>How often the overview samples the Router's recent decisions, in seconds; default 2.</summary>
    public double SampleSeconds { get; init; } = 2;
    /// <summary>Sign-in through an OIDC provider, besides the admin token; off unless <see cref="OidcOptions.Authority"/> is set.</summary>
    public OidcOptions Oidc { get; init; } = new();
}

/// <summary>OIDC sign-in, section <c>Dashboard:Oidc</c>.</summary>
internal sealed record OidcOptions
{
    /// <summary>Issuer URL (e.g. Dex, Keycloak, Entra ID); OIDC sign-in is off when unset.</summary>
    public string? Authority { get; init; }
    /// <summary>The Dashboard's client id at the provider.</summary>
    public string? ClientId { get; init; }
    /// <summary>Its client secret (from a secret file or parameter), for the code flow.</summary>
    public string? ClientSecret { get; init; }
    /// <summary>Claim that must hold <see cref="AdminValue"/>, e.g. <c>groups</c> or <c>roles</c>; default <c>groups</c>.</summary>
    public string AdminClaim { get; init; } = "groups";
    /// <summary>The admins' group or role; required with <see cref="Authority"/>. Users without it are refused.</summary>
    public string? AdminValue { get; init; }
    /// <summary>Extra scopes to ask for besides <c>openid profile email</c>, e.g. <c>groups</c>.</summary>
    public string[] Scopes { get; init; } = [];
}
