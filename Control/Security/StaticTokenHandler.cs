using System.Security.Claims;
using System.Text.Encodings.Web;
using HybridInference.ServiceDefaults.Tokens;
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
        if (!BearerToken.TryRead(Request, out var token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var role = TokenHash.Of(control.Value.AdminToken).Matches(token) ? ControlRoles.Admin
            : TokenHash.Of(control.Value.InternalToken).Matches(token) ? ControlRoles.Internal
            : null;
        if (role is null)
        {
            // A JWT may still be accepted by the OIDC scheme, so this is "not mine" rather than a failure.
            return Task.FromResult(LooksLikeJwt(token) ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("unknown token"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, role + "-token"), new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static bool LooksLikeJwt(ReadOnlySpan<char> token) => token.Count('.') == 2;
}
