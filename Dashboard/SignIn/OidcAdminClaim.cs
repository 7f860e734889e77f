using System.Security.Claims;

namespace HybridInference.Dashboard.SignIn;

/// <summary>
/// The rule Control's admin API applies too: a user the identity provider vouches for is an operator only when the
/// configured claim (a group or a role) holds the admins' value. A valid sign-in without it is refused.
/// </summary>
internal static class OidcAdminClaim
{
    public static bool IsAdmin(ClaimsPrincipal user, OidcOptions oidc)
    {
        foreach (var claim in user.FindAll(oidc.AdminClaim))
        {
            if (string.Equals(claim.Value, oidc.AdminValue, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
