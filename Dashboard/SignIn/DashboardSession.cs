using System.Globalization;
using System.Security.Claims;

namespace HybridInference.Dashboard.SignIn;

/// <summary>The claims of a Dashboard session: who signed in, how, and when the session ends.</summary>
internal static class DashboardSession
{
    public const string Scheme = "dashboard";
    public const string AdminRole = "dashboard-admin";
    public const string ExpiresClaim = "session_expires";
    public const string MethodClaim = "sign_in_method";

    /// <summary>Adds the admin role and the session's end to an identity that has proven it may administer the fabric.</summary>
    public static void Admit(ClaimsIdentity identity, string method, DateTimeOffset expires)
    {
        identity.AddClaim(new Claim(identity.RoleClaimType, AdminRole));
        identity.AddClaim(new Claim(MethodClaim, method));
        identity.AddClaim(new Claim(ExpiresClaim, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
    }

    public static bool IsExpired(ClaimsPrincipal user, DateTimeOffset now) =>
        !long.TryParse(user.FindFirstValue(ExpiresClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
        || now.ToUnixTimeSeconds() >= expires;

    /// <summary>What the header shows: the OIDC user's email or name, or that the admin token was used.</summary>
    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirstValue("email") ?? user.FindFirstValue("name") ?? user.Identity?.Name ?? "operator";
}
