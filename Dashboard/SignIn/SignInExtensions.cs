using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HybridInference.Dashboard.SignIn;

/// <summary>
/// Every page and API of the Dashboard is behind a session cookie, got by presenting the admin token or, when
/// configured, by signing in at an OIDC provider as a member of the admins' group or role.
/// </summary>
internal static class SignInExtensions
{
    public const string OidcScheme = "oidc";

    public static IHostApplicationBuilder AddDashboardSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section))
            .Validate(o => o.SessionMinutes > 0 && o.SessionCheckSeconds > 0, "Dashboard:SessionMinutes and SessionCheckSeconds must be positive.")
            .Validate(o => o.Oidc.Authority is null || o.Oidc.ClientId is { Length: > 0 } && o.Oidc.AdminValue is { Length: > 0 },
                "Dashboard:Oidc:Authority needs Dashboard:Oidc:ClientId and Dashboard:Oidc:AdminValue (the admins' group or role).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var dashboard = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();

        var authentication = builder.Services.AddAuthentication(DashboardSession.Scheme)
            .AddCookie(DashboardSession.Scheme, cookie =>
            {
                cookie.Cookie.Name = "hybrid-dashboard";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = "/signin";
                cookie.LogoutPath = "/signout";
                cookie.AccessDeniedPath = "/signin";
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(dashboard.SessionMinutes);
                cookie.SlidingExpiration = false;
                cookie.Events.OnRedirectToLogin = context => RedirectOrRefuse(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => RedirectOrRefuse(context, StatusCodes.Status403Forbidden);
            });
        if (dashboard.Oidc.Authority is { Length: > 0 } authority)
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = DashboardSession.Scheme;
                oidc.Authority = authority;
                oidc.ClientId = dashboard.Oidc.ClientId;
                oidc.ClientSecret = dashboard.Oidc.ClientSecret;
                oidc.ResponseType = "code";
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                foreach (var scope in dashboard.Oidc.Scopes)
                {
                    oidc.Scope.Add(scope);
                }
                // Once every claim is in (token and user info): admins are admitted, anyone else is refused here.
                oidc.Events.OnTicketReceived = AdmitOidcUser;
                oidc.Events.OnRemoteFailure = context =>
                {
                    RefuseOidc(context, context.Failure?.Message ?? "sign-in failed");
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(DashboardSession.Scheme)
                .RequireRole(DashboardSession.AdminRole).Build());
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidator>();
        return builder;
    }

    public static WebApplication UseDashboardSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/signin/oidc", (string? returnUrl) => TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OidcScheme])).AllowAnonymous();
        endpoints.MapGet("/api/session", (ClaimsPrincipal user) => TypedResults.Ok(new SessionView(
            DashboardSession.DisplayName(user), user.FindFirstValue(DashboardSession.MethodClaim) ?? "",
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(user.FindFirstValue(DashboardSession.ExpiresClaim) ?? "0", System.Globalization.CultureInfo.InvariantCulture)))))
            .RequireAuthorization();
        endpoints.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(DashboardSession.Scheme);
            return TypedResults.LocalRedirect("/signin?signedout=1");
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>Signs an operator in with the admin token; false when the token is not the fabric's.</summary>
    public static async Task<bool> SignInWithTokenAsync(HttpContext context, string? token)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (!AdminToken.Matches(token, options.AdminToken))
        {
            return false;
        }
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin token")], DashboardSession.Scheme);
        DashboardSession.Admit(identity, "admin-token", time.GetUtcNow().AddMinutes(options.SessionMinutes));
        await context.SignInAsync(DashboardSession.Scheme, new ClaimsPrincipal(identity));
        return true;
    }

    /// <summary>Keeps a return address on this site (an open redirect otherwise).</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";

    private static Task AdmitOidcUser(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (context.Principal?.Identity is ClaimsIdentity identity && OidcAdminClaim.IsAdmin(context.Principal, options.Oidc))
        {
            DashboardSession.Admit(identity, "oidc", services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(options.SessionMinutes));
        }
        else
        {
            // Not Fail(): the handler signs a ticket in whatever this event says unless it is handled here.
            RefuseOidc(context, $"your account is not in '{options.Oidc.AdminValue}' ({options.Oidc.AdminClaim} claim), which operators need");
        }
        return Task.CompletedTask;
    }

    // Back to the sign-in page, which shows why; nobody is signed in.
    private static void RefuseOidc<TOptions>(HandleRequestContext<TOptions> context, string why) where TOptions : AuthenticationSchemeOptions
    {
        context.Response.Redirect("/signin?error=" + Uri.EscapeDataString(why));
        context.HandleResponse();
    }

    // Pages go to the sign-in page; the Dashboard's own JSON/CSV endpoints answer with a status instead.
    private static Task RedirectOrRefuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Body of <c>GET /api/session</c>: who is signed in, how, and until when.</summary>
internal sealed record SessionView(string User, string Method, DateTimeOffset ExpiresAt);
