using System.Security.Claims;

namespace HybridInference.Control.Security;

/// <summary>
/// Who of the identity provider's users administers Control: those whose token carries the configured group or role.
/// A token that is valid for the audience but lacks it is refused, so signing in somewhere is not being an admin.
/// </summary>
internal static class OidcAdminRequirement
{
    public static void Validate(ControlOptions control)
    {
        if (!string.IsNullOrWhiteSpace(control.OidcAuthority) && (string.IsNullOrWhiteSpace(control.OidcAdminValue) || string.IsNullOrWhiteSpace(control.OidcAdminClaim)))
        {
            throw new InvalidOperationException(
                "Control:OidcAuthority is set but Control:OidcAdminValue is not: name the group or role (claim Control:OidcAdminClaim) that makes a user an admin.");
        }
    }

    /// <summary>Whether the token's claims hold the admins' value; JSON arrays arrive as one claim per element.</summary>
    public static bool IsAdmin(ClaimsPrincipal principal, ControlOptions control)
    {
        foreach (var claim in principal.FindAll(control.OidcAdminClaim))
        {
            if (string.Equals(claim.Value, control.OidcAdminValue, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
