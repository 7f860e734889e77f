using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace HybridInference.Control.Security;

internal static class SecurityExtensions
{
    /// <summary>Admin token, internal token and, when <see cref="ControlOptions.OidcAuthority"/> is set, OIDC JWTs of the admins' group or role.</summary>
    public static IHostApplicationBuilder AddControlSecurity(this IHostApplicationBuilder builder)
    {
        var control = builder.Configuration.GetSection(ControlOptions.Section).Get<ControlOptions>() ?? new ControlOptions();
        var schemes = new List<string> { StaticTokenHandler.SchemeName };
        var authentication = builder.Services.AddAuthentication(StaticTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, StaticTokenHandler>(StaticTokenHandler.SchemeName, null);
        OidcAdminRequirement.Validate(control);
        if (!string.IsNullOrWhiteSpace(control.OidcAuthority))
        {
            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                jwt.Authority = control.OidcAuthority;
                jwt.Audience = control.OidcAudience;
                jwt.RequireHttpsMetadata = control.OidcAuthority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                jwt.MapInboundClaims = false;
                // Only members of the admins' group (or holders of the role) become admins; any other valid token
                // authenticates and is then refused by the admin policy (403), not taken for an admin.
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal is { } principal && OidcAdminRequirement.IsAdmin(principal, control))
                        {
                            (principal.Identity as ClaimsIdentity)?.AddClaim(new Claim(ClaimTypes.Role, ControlRoles.Admin));
                        }
                        return Task.CompletedTask;
                    },
                };
            });
            schemes.Add(JwtBearerDefaults.AuthenticationScheme);
        }
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ControlRoles.AdminPolicy, policy => policy.AddAuthenticationSchemes([.. schemes]).RequireRole(ControlRoles.Admin))
            .AddPolicy(ControlRoles.InternalPolicy, policy => policy.AddAuthenticationSchemes(StaticTokenHandler.SchemeName).RequireRole(ControlRoles.Internal));
        return builder;
    }

    /// <summary>Who made a change, for the audit log: the token kind or the OIDC subject.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirstValue("email") ?? user.FindFirstValue("sub") ?? user.Identity?.Name ?? "unknown";
}
