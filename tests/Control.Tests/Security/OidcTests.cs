using System.Net;
using HybridInference.Control.Tests.Infrastructure;

namespace HybridInference.Control.Tests.Security;

public sealed class OidcTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    [Fact]
    public async Task Tokens_from_the_configured_issuer_and_audience_administer_control()
    {
        await using var issuer = await FakeOidcIssuer.StartAsync();
        await using var control = new ControlFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Control:OidcAuthority"] = issuer.Issuer,
            ["Control:OidcAudience"] = "hybrid-control",
        });

        var created = await JsonAsync(await PostJsonAsync(control.WithToken(issuer.Token("hybrid-control", "alice")), "/v1/admin/customers", new { id = "acme", name = "Acme" }));
        Assert.Equal("acme", (string?)created["id"]);
        var audit = (await JsonAsync(await control.Admin().GetAsync("/v1/admin/audit?entity=customer"))).AsArray();
        Assert.Equal("alice@example.test", (string?)audit.Single()!["actor"]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await control.WithToken(issuer.Token("someone-else", "mallory")).GetAsync("/v1/admin/customers")).StatusCode);
        // The internal API takes the internal token only, never an operator's identity.
        Assert.Equal(HttpStatusCode.Unauthorized, (await control.WithToken(issuer.Token("hybrid-control", "alice")).GetAsync("/v1/internal/router-config")).StatusCode);
    }
}
