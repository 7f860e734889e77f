using System.Net;
using HybridInference.Control.Tests.Infrastructure;

namespace HybridInference.Control.Tests.Security;

public sealed class OidcTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    private const string Audience = "hybrid-control";
    private const string AdminGroup = "hybrid-admins";

    [Fact]
    public async Task Tokens_of_the_admin_group_from_the_configured_issuer_and_audience_administer_control()
    {
        await using var issuer = await TestOidcProvider.StartAsync();
        await using var control = OidcControl(issuer);

        var alice = control.WithToken(issuer.Token(Audience, User("alice", "staff", AdminGroup)));
        var created = await JsonAsync(await PostJsonAsync(alice, "/v1/admin/customers", new { id = "acme", name = "Acme" }));
        Assert.Equal("acme", (string?)created["id"]);
        var audit = (await JsonAsync(await control.Admin().GetAsync("/v1/admin/audit?entity=customer"))).AsArray();
        Assert.Equal("alice@example.test", (string?)audit.Single()!["actor"]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await control.WithToken(issuer.Token("someone-else", User("mallory", AdminGroup))).GetAsync("/v1/admin/customers")).StatusCode);
        // The internal API takes the internal token only, never an operator's identity.
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/v1/internal/router-config")).StatusCode);
    }

    [Fact]
    public async Task A_valid_token_without_the_admin_group_is_refused()
    {
        await using var issuer = await TestOidcProvider.StartAsync();
        await using var control = OidcControl(issuer);

        Assert.Equal(HttpStatusCode.Forbidden, (await control.WithToken(issuer.Token(Audience, User("bob"))).GetAsync("/v1/admin/customers")).StatusCode);
        var staff = control.WithToken(issuer.Token(Audience, User("carol", "staff", "hybrid-admins-readonly")));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/v1/admin/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(staff, "/v1/admin/customers", new { id = "evil", name = "Evil" })).StatusCode);
    }

    [Fact]
    public async Task An_issuer_without_an_admin_group_does_not_start()
    {
        await using var issuer = await TestOidcProvider.StartAsync();
        await using var control = new ControlFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Control:OidcAuthority"] = issuer.Issuer,
            ["Control:OidcAudience"] = Audience,
        });

        var error = Assert.ThrowsAny<Exception>(() => control.CreateClient());
        Assert.Contains("OidcAdminValue", error.ToString());
    }

    private static TestUser User(string subject, params string[] groups) => new(subject, subject, subject + "@example.test", groups);

    private ControlFactory OidcControl(TestOidcProvider issuer) => new(ConnectionString, new Dictionary<string, string?>
    {
        ["Control:OidcAuthority"] = issuer.Issuer,
        ["Control:OidcAudience"] = Audience,
        ["Control:OidcAdminValue"] = AdminGroup,
    });
}
