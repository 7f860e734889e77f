using System.Net;
using HybridInference.Control.Tests.Infrastructure;

namespace HybridInference.Control.Tests.Security;

public sealed class TokenTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    [Theory]
    [InlineData("/v1/admin/customers")]
    [InlineData("/v1/admin/audit")]
    [InlineData("/usage?start_date=2026-01-01&end_date=2026-01-31")]
    public async Task Admin_api_needs_the_admin_token(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Control.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Control.WithToken("wrong").GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Control.Internal().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Control.Admin().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Internal_api_needs_the_internal_token()
    {
        const string path = "/v1/internal/keys/" + "0000000000000000000000000000000000000000000000000000000000000000";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Control.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Control.WithToken("wrong").GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Control.Admin().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Control.Internal().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Public_listings_need_no_token()
    {
        Assert.Equal(HttpStatusCode.OK, (await Control.CreateClient().GetAsync("/openrouter/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Control.CreateClient().GetAsync("/pricing")).StatusCode);
    }
}
