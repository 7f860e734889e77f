extern alias dashboard;

using System.Security.Claims;
using dashboard::HybridInference.Dashboard;
using dashboard::HybridInference.Dashboard.SignIn;

namespace HybridInference.Dashboard.Tests.Units;

public sealed class OidcAdminClaimTests
{
    private static readonly OidcOptions Oidc = new() { Authority = "https://id.example", ClientId = "dashboard", AdminValue = "hybrid-admins" };

    [Fact]
    public void Only_a_user_whose_claim_holds_the_admins_value_is_an_operator()
    {
        Assert.True(OidcAdminClaim.IsAdmin(User(("groups", "staff"), ("groups", "hybrid-admins")), Oidc));
        Assert.False(OidcAdminClaim.IsAdmin(User(("groups", "staff")), Oidc));
        Assert.False(OidcAdminClaim.IsAdmin(User(("groups", "Hybrid-Admins")), Oidc));
        Assert.False(OidcAdminClaim.IsAdmin(User(("roles", "hybrid-admins")), Oidc));
        Assert.True(OidcAdminClaim.IsAdmin(User(("roles", "hybrid-admins")), Oidc with { AdminClaim = "roles" }));
        Assert.False(OidcAdminClaim.IsAdmin(User(), Oidc));
    }

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));
}
