using System.Net;
using System.Security.Cryptography;
using System.Text;
using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;
using HybridInference.Control.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace HybridInference.Control.Tests.Keys;

public sealed class KeysApiTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    private const string DevKey = "sk-hi-dev-key-for-tests";

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Control:DevKey"] = DevKey };

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    [Fact]
    public async Task Key_secret_is_shown_once_stored_as_hash_and_looked_up_by_hash()
    {
        var admin = Control.Admin();
        await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "acme", name = "Acme" }));
        var created = await JsonAsync(await PostJsonAsync(admin, "/v1/admin/keys", new
        {
            customer_id = "acme", name = "ci", allowed_models = new[] { "auto", "chat-fast" }, requests_per_minute = 60,
            tokens_per_minute = 10000, monthly_budget = 25.5m, expires_at = "2030-01-01T00:00:00Z",
        }));
        var secret = (string)created["key"]!;
        var id = (string)created["id"]!;
        Assert.StartsWith("sk-hi-", secret);
        Assert.StartsWith((string)created["prefix"]!, secret, StringComparison.Ordinal);

        var shown = await JsonAsync(await Control.Admin().GetAsync($"/v1/admin/keys/{id}"));
        Assert.Null(shown["key"]);
        var stored = await WithDbAsync(Control, db => db.Keys.AsNoTracking().SingleAsync(k => k.Id == id));
        Assert.Equal(Hash(secret), stored.Hash);
        Assert.DoesNotContain(secret, stored.Hash + stored.Prefix + stored.Name);

        var policy = Read<KeyPolicy>(await JsonAsync(await Control.Internal().GetAsync($"/v1/internal/keys/{Hash(secret)}")));
        Assert.Equal(id, policy.KeyId);
        Assert.Equal("acme", policy.CustomerId);
        Assert.Equal(["auto", "chat-fast"], policy.AllowedModels);
        Assert.Equal(60, policy.RequestsPerMinute);
        Assert.Equal(10000, policy.TokensPerMinute);
        Assert.Equal(25.5m, policy.MonthlyBudget);
        Assert.False(policy.Revoked);
        Assert.Equal(HttpStatusCode.NotFound, (await Control.Internal().GetAsync($"/v1/internal/keys/{Hash("sk-hi-unknown")}")).StatusCode);
    }

    [Fact]
    public async Task Revoke_rotate_and_update_are_announced_on_redis()
    {
        await using var redisServer = await RedisServer.StartAsync();
        await using var control = new ControlFactory(ConnectionString, new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redisServer.ConnectionString });
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var messages = new List<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("hybrid:changes"), (_, message) => { lock (messages) { messages.Add(message!); } });

        var admin = control.Admin();
        await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "acme", name = "Acme" }));
        var created = await JsonAsync(await PostJsonAsync(admin, "/v1/admin/keys", new { customer_id = "acme", name = "ci" }));
        var id = (string)created["id"]!;
        var first = Hash((string)created["key"]!);

        await JsonAsync(await PutJsonAsync(admin, $"/v1/admin/keys/{id}", new { name = "ci", requests_per_minute = 5 }));
        var rotated = await JsonAsync(await admin.PostAsync($"/v1/admin/keys/{id}/rotate", null));
        var second = Hash((string)rotated["key"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await control.Internal().GetAsync($"/v1/internal/keys/{first}")).StatusCode);
        Assert.Equal(5, Read<KeyPolicy>(await JsonAsync(await control.Internal().GetAsync($"/v1/internal/keys/{second}"))).RequestsPerMinute);

        await JsonAsync(await admin.PostAsync($"/v1/admin/keys/{id}/revoke", null));
        Assert.True(Read<KeyPolicy>(await JsonAsync(await control.Internal().GetAsync($"/v1/internal/keys/{second}"))).Revoked);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/v1/admin/keys/{id}/rotate", null)).StatusCode);

        await Eventually.TrueAsync(() => { lock (messages) { return Task.FromResult(messages.Count >= 3); } }, "three key announcements");
        lock (messages)
        {
            Assert.Equal([$"key:{first}", $"key:{first}", $"key:{second}"], messages);
        }
        Assert.Contains("Redis channel", await (await control.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Guard_overrides_are_stored_on_create_and_update_and_served_in_the_key_policy()
    {
        var admin = Control.Admin();
        var created = await JsonAsync(await PostJsonAsync(admin, "/v1/admin/keys", new
        {
            customer_id = "dev", name = "strict", guard = "auto_only", on_classifier_unavailable = "closed",
        }));
        var hash = Hash((string)created["key"]!);
        Assert.Equal("auto_only", (string?)created["guard"]);
        var policy = Read<KeyPolicy>(await JsonAsync(await Control.Internal().GetAsync($"/v1/internal/keys/{hash}")));
        Assert.Equal(GuardMode.AutoOnly, policy.Guard);
        Assert.Equal(ClassifierUnavailablePolicy.Closed, policy.OnClassifierUnavailable);

        var id = (string)created["id"]!;
        var updated = await JsonAsync(await PutJsonAsync(admin, $"/v1/admin/keys/{id}", new { name = "strict", guard = "off" }));
        Assert.Equal("off", (string?)updated["guard"]);
        Assert.Null(updated["on_classifier_unavailable"]);
        policy = Read<KeyPolicy>(await JsonAsync(await Control.Internal().GetAsync($"/v1/internal/keys/{hash}")));
        Assert.Equal(GuardMode.Off, policy.Guard);
        Assert.Null(policy.OnClassifierUnavailable);

        // No override: the policy says nothing, so the route's and the config's apply.
        await JsonAsync(await PutJsonAsync(admin, $"/v1/admin/keys/{id}", new { name = "strict" }));
        policy = Read<KeyPolicy>(await JsonAsync(await Control.Internal().GetAsync($"/v1/internal/keys/{hash}")));
        Assert.Null(policy.Guard);
        Assert.Null(policy.OnClassifierUnavailable);
    }

    [Theory]
    [InlineData("guard", "sometimes")]
    [InlineData("guard", "")]
    [InlineData("on_classifier_unavailable", "ajar")]
    public async Task Bad_guard_overrides_are_a_problem_naming_the_field(string field, string value)
    {
        var body = new Dictionary<string, object> { ["customer_id"] = "dev", ["name"] = "x", [field] = value };
        var response = await PostJsonAsync(Control.Admin(), "/v1/admin/keys", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
        Assert.False(await WithDbAsync(Control, db => db.Keys.AnyAsync(k => k.Name == "x")));
    }

    [Fact]
    public async Task Bad_key_requests_are_rejected()
    {
        var admin = Control.Admin();
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(admin, "/v1/admin/keys", new { customer_id = "nobody", name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(admin, "/v1/admin/keys", new { name = "no customer" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(admin, "/v1/admin/keys", new { customer_id = "dev", name = new string('k', 300) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(admin, "/v1/admin/keys", new { customer_id = "dev", name = "x", requests_per_minute = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/v1/admin/keys/key_nope/revoke", null)).StatusCode);
    }

    [Fact]
    public async Task Dev_key_is_seeded_with_no_limits()
    {
        var policy = Read<KeyPolicy>(await JsonAsync(await Control.Internal().GetAsync($"/v1/internal/keys/{Hash(DevKey)}")));
        Assert.Equal("dev", policy.CustomerId);
        Assert.Empty(policy.AllowedModels);
        Assert.Null(policy.RequestsPerMinute);
        Assert.Null(policy.MonthlyBudget);

        // A restart finds it in place and adds nothing.
        await using var again = new ControlFactory(ConnectionString, Settings());
        _ = again.Server;
        Assert.Equal(1, await WithDbAsync(again, db => db.Keys.CountAsync(k => k.CustomerId == "dev")));
    }

    [Fact]
    public async Task Deleting_a_customer_revokes_its_keys()
    {
        var admin = Control.Admin();
        await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "gone", name = "Gone" }));
        var secret = (string)(await JsonAsync(await PostJsonAsync(admin, "/v1/admin/keys", new { customer_id = "gone", name = "k" })))["key"]!;
        await admin.DeleteAsync("/v1/admin/customers/gone");
        Assert.True(Read<KeyPolicy>(await JsonAsync(await Control.Internal().GetAsync($"/v1/internal/keys/{Hash(secret)}"))).Revoked);
    }
}
