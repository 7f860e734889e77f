using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HybridInference.Tests.Shared;

/// <summary>
/// A minimal OpenID Connect provider for the tests (no real one can run here): discovery, JWKS, an authorize page where
/// the tester picks one of the known users, a token endpoint issuing RS256 id and access tokens with the user's groups,
/// and user info. Authorization code flow with PKCE only; no consent, no provider session. APIs that take bearer
/// tokens get theirs from <see cref="Token"/>.
/// </summary>
internal sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "hybrid-dashboard";
    public const string ClientSecret = "test-client-secret";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TestUser> _accessTokens = new(StringComparer.Ordinal);

    private TestOidcProvider(WebApplication app)
    {
        _app = app;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
    }

    /// <summary>The issuer, e.g. <c>http://localhost:41234</c> (same site as the Dashboard, so its cookies survive the round trip).</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>Who may sign in, by their subject.</summary>
    public required IReadOnlyList<TestUser> Users { get; init; }

    /// <summary>A signed token for <paramref name="user"/> issued to <paramref name="audience"/>, valid for ten minutes.</summary>
    public string Token(string audience, TestUser user) => Sign(audience, Claims(user));

    public static async Task<TestOidcProvider> StartAsync(params TestUser[] users)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new TestOidcProvider(app) { Users = users };
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Keys);
        app.MapGet("/authorize", provider.AuthorizePage);
        app.MapPost("/authorize", provider.AuthorizeAsync);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/userinfo", provider.UserInfo);
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        provider.Issuer = $"http://localhost:{port}";
        return provider;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["userinfo_endpoint"] = Issuer + "/userinfo",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query", "form_post" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["scopes_supported"] = new[] { "openid", "profile", "email", "groups" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    });

    private IResult Keys()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }

    // The "login page": one button per known user, carrying the request's parameters along.
    private IResult AuthorizePage(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code")
        {
            return Results.BadRequest("unknown client or response type");
        }
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Test identity provider</title></head><body><h1>Test identity provider</h1><form method=\"post\" action=\"/authorize\">");
        foreach (var (name, value) in query)
        {
            html.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(value.ToString())}\">");
        }
        foreach (var user in Users)
        {
            html.Append($"<button type=\"submit\" name=\"user\" value=\"{WebUtility.HtmlEncode(user.Subject)}\">Sign in as {WebUtility.HtmlEncode(user.Name)}</button>");
        }
        return Results.Content(html.Append("</form></body></html>").ToString(), "text/html");
    }

    // Answers the Dashboard's callback the way it asked (form_post by default, else a redirect with the code in the query).
    private async Task<IResult> AuthorizeAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (Users.FirstOrDefault(u => u.Subject == form["user"]) is not { } user || form["code_challenge_method"] != "S256")
        {
            return Results.BadRequest("unknown user or no PKCE");
        }
        var code = Random();
        _codes[code] = new Grant(user, form["redirect_uri"]!, form["nonce"], form["code_challenge"]!);
        var redirect = form["redirect_uri"].ToString();
        var state = form["state"].ToString();
        if (form["response_mode"] == "form_post")
        {
            var page = $"<!DOCTYPE html><html lang=\"en\"><head><title>Signing in</title></head><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{WebUtility.HtmlEncode(redirect)}\">"
                + $"<input type=\"hidden\" name=\"code\" value=\"{code}\"><input type=\"hidden\" name=\"state\" value=\"{WebUtility.HtmlEncode(state)}\"></form></body></html>";
            return Results.Content(page, "text/html");
        }
        return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant)
            || grant.RedirectUri != form["redirect_uri"] || grant.CodeChallenge != Challenge(form["code_verifier"].ToString()))
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        var accessToken = Random();
        _accessTokens[accessToken] = grant.User;
        var claims = Claims(grant.User);
        if (grant.Nonce is { Length: > 0 } nonce)
        {
            claims["nonce"] = nonce;
        }
        return Results.Json(new { access_token = accessToken, id_token = Sign(ClientId, claims), token_type = "Bearer", expires_in = 600 });
    }

    private string Sign(string audience, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = audience, IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(10), Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult UserInfo(HttpRequest request)
    {
        var bearer = request.Headers.Authorization.ToString();
        return bearer.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.TryGetValue(bearer[7..], out var user)
            ? Results.Json(Claims(user))
            : Results.StatusCode(401);
    }

    private static Dictionary<string, object> Claims(TestUser user) => new(StringComparer.Ordinal)
    {
        ["sub"] = user.Subject, ["name"] = user.Name, ["email"] = user.Email, ["groups"] = user.Groups,
    };

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }
        return (form["client_id"], form["client_secret"]);
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private sealed record Grant(TestUser User, string RedirectUri, string? Nonce, string CodeChallenge);
}

/// <summary>A user of the test identity provider.</summary>
public sealed record TestUser(string Subject, string Name, string Email, string[] Groups);
