using System.Net;
using System.Text;
using HybridInference.Control.Tests.Infrastructure;

namespace HybridInference.Control.Tests.Customers;

public sealed class CustomersApiTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    [Fact]
    public async Task Customer_is_created_read_updated_listed_and_deleted_with_an_audit_trail()
    {
        var admin = Control.Admin();
        var created = await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "acme", name = "Acme", email = "billing@acme.test" }));
        Assert.Equal("acme", (string?)created["id"]);

        var updated = await JsonAsync(await PutJsonAsync(admin, "/v1/admin/customers/acme", new { name = "Acme Ltd", odoo_partner_id = 7 }));
        Assert.Equal("Acme Ltd", (string?)updated["name"]);
        Assert.Equal(7, (int?)updated["odoo_partner_id"]);
        Assert.Equal("Acme Ltd", (string?)(await JsonAsync(await admin.GetAsync("/v1/admin/customers/acme")))["name"]);
        Assert.Single((await JsonAsync(await admin.GetAsync("/v1/admin/customers"))).AsArray());

        var generated = await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { name = "No id given" }));
        Assert.StartsWith("cus_", (string?)generated["id"]);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/admin/customers/acme")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/admin/customers/acme")).StatusCode);

        var audit = (await JsonAsync(await admin.GetAsync("/v1/admin/audit?entity=customer&entity_id=acme"))).AsArray();
        Assert.Equal(["delete", "update", "create"], audit.Select(a => (string?)a!["action"]));
        Assert.All(audit, a => Assert.Equal("admin-token", (string?)a!["actor"]));
    }

    [Fact]
    public async Task Bad_customer_requests_are_rejected()
    {
        var admin = Control.Admin();
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(admin, "/v1/admin/customers", new { name = new string('x', 201) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(admin, "/v1/admin/customers", new { name = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(admin, "/v1/admin/customers", new { id = "has space", name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsync("/v1/admin/customers", new StringContent("{\"name\":", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/admin/customers/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutJsonAsync(admin, "/v1/admin/customers/nobody", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/v1/admin/customers/nobody")).StatusCode);

        await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "twice", name = "x" }));
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync(admin, "/v1/admin/customers", new { id = "twice", name = "x" })).StatusCode);
    }
}
