using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> against the admin and internal tokens. A token that is neither fails
/// (401); a valid token of the wrong kind authenticates and is then refused by the policy (403).
/// </summary>
internal sealed class StaticTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ControlOptions> control) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ControlToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request.Headers.Authorization.ToString());
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var role = Matches(token, control.Value.AdminToken) ? ControlRoles.Admin
            : Matches(token, control.Value.InternalToken) ? ControlRoles.Internal
            : null;
        if (role is null)
        {
            // A JWT may still be accepted by the OIDC scheme, so this is "not mine" rather than a failure.
            return Task.FromResult(LooksLikeJwt(token) ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("unknown token"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, role + "-token"), new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    internal static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;

    private static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool Matches(string presented, string? expected) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
