using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Control.Tests.Infrastructure;

namespace HybridInference.Control.Tests;

/// <summary>Every error of the admin and internal APIs is a problem details body that says what went wrong.</summary>
public sealed class ControlProblemsTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    [Theory]
    [InlineData("GET", "/v1/admin/customers/nobody", "customer 'nobody' does not exist")]
    [InlineData("PUT", "/v1/admin/customers/nobody", "customer 'nobody' does not exist")]
    [InlineData("DELETE", "/v1/admin/customers/nobody", "customer 'nobody' does not exist")]
    [InlineData("GET", "/v1/admin/keys/key_nope", "key 'key_nope' does not exist")]
    [InlineData("PUT", "/v1/admin/keys/key_nope", "key 'key_nope' does not exist")]
    [InlineData("POST", "/v1/admin/keys/key_nope/revoke", "key 'key_nope' does not exist")]
    [InlineData("POST", "/v1/admin/keys/key_nope/rotate", "key 'key_nope' does not exist")]
    [InlineData("GET", "/v1/admin/models/nope", "model 'nope' does not exist")]
    [InlineData("GET", "/v1/admin/models/nope/prices", "model 'nope' has no prices")]
    [InlineData("DELETE", "/v1/admin/models/nope", "model 'nope' does not exist")]
    [InlineData("DELETE", "/v1/admin/backends/nope", "backend 'nope' does not exist")]
    [InlineData("DELETE", "/v1/admin/routes/local/nope", "route 'local/nope' does not exist")]
    [InlineData("GET", "/v1/admin/config/versions/99", "config version 99 does not exist")]
    [InlineData("POST", "/v1/admin/config/versions/99/restore", "config version 99 does not exist")]
    public async Task Missing_entities_are_404_problems_naming_what_was_asked_for(string method, string path, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = new StringContent("""{"name":"x","customer_id":"c"}""", Encoding.UTF8, "application/json");
        }

        var problem = await ProblemAsync(await Control.Admin().SendAsync(request), HttpStatusCode.NotFound);

        Assert.Equal(detail, (string?)problem["detail"]);
    }

    [Fact]
    public async Task Conflicts_are_409_problems_not_bare_strings()
    {
        var admin = Control.Admin();
        await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "twice", name = "x" }));
        var key = await JsonAsync(await PostJsonAsync(admin, "/v1/admin/keys", new { customer_id = "twice", name = "k" }));
        var id = (string)key["id"]!;
        await JsonAsync(await admin.PostAsync($"/v1/admin/keys/{id}/revoke", null));

        var duplicate = await ProblemAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "twice", name = "x" }), HttpStatusCode.Conflict);
        var rotate = await ProblemAsync(await admin.PostAsync($"/v1/admin/keys/{id}/rotate", null), HttpStatusCode.Conflict);

        Assert.Equal("customer 'twice' already exists", (string?)duplicate["detail"]);
        Assert.Equal($"key '{id}' is revoked; a revoked key cannot be rotated", (string?)rotate["detail"]);
    }

    [Fact]
    public async Task Internal_lookups_of_unknown_keys_and_a_missing_config_are_404_problems()
    {
        await using var empty = new ControlFactory(await Postgres.CreateDatabaseAsync("problems_noconfig"));

        var key = await ProblemAsync(await Control.Internal().GetAsync("/v1/internal/keys/" + new string('0', 64)), HttpStatusCode.NotFound);
        var malformed = await ProblemAsync(await Control.Internal().GetAsync("/v1/internal/keys/not-a-hash"), HttpStatusCode.NotFound);
        var config = await ProblemAsync(await empty.Internal().GetAsync("/v1/internal/router-config"), HttpStatusCode.NotFound);
        var current = await ProblemAsync(await empty.Admin().GetAsync("/v1/admin/config"), HttpStatusCode.NotFound);

        Assert.Equal("no key has this hash", (string?)key["detail"]);
        Assert.Equal("no key has this hash", (string?)malformed["detail"]);
        Assert.Equal("no router config has been stored yet", (string?)config["detail"]);
        Assert.Equal("no router config has been stored yet", (string?)current["detail"]);
    }

    [Fact]
    public async Task Refused_tokens_and_unknown_paths_are_problems_too()
    {
        await ProblemAsync(await Control.CreateClient().GetAsync("/v1/admin/customers"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await Control.WithToken("wrong").GetAsync("/v1/admin/customers"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await Control.Internal().GetAsync("/v1/admin/customers"), HttpStatusCode.Forbidden);
        await ProblemAsync(await Control.Admin().GetAsync("/v1/admin/no-such-api"), HttpStatusCode.NotFound);
        await ProblemAsync(await Control.Admin().PatchAsync("/v1/admin/customers", null), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_body_that_cannot_be_read_is_a_problem_and_bad_json_says_why()
    {
        var admin = Control.Admin();

        var truncated = await ProblemAsync(
            await admin.PostAsync("/v1/admin/customers", new StringContent("{\"name\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAsync(
            await admin.PostAsync("/v1/admin/customers", new StringContent("name=x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("JSON", (string?)truncated["detail"]);
    }

    [Fact]
    public async Task Field_validation_stays_a_validation_problem_listing_the_fields()
    {
        var problem = await ProblemAsync(await PostJsonAsync(Control.Admin(), "/v1/admin/customers", new { name = "" }), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]?["name"]);
    }

    /// <summary>Asserts an RFC 9457 answer: its status, its content type, and a body repeating the status with a title.</summary>
    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(text)!.AsObject();
            Assert.Equal((int)status, (int?)problem["status"]);
            Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
            return problem;
        }
    }
}
