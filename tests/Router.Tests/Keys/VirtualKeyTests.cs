using System.ClientModel;
using System.Net;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Tests.OpenAi;
using HybridInference.Router.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Keys;

public sealed class VirtualKeyTests : IAsyncLifetime
{
    private TestFabric _fabric = null!;

    public async Task InitializeAsync() => _fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });

    public async Task DisposeAsync() => await _fabric.DisposeAsync();

    [Fact]
    public async Task Key_known_to_control_works_and_is_cached()
    {
        var router = _fabric.StartRouter();
        var key = _fabric.AddKey(new KeyPolicy { KeyId = "k1", CustomerId = "acme" });
        var chat = router.OpenAi(key).GetChatClient("general-model");
        await chat.CompleteChatAsync([new UserChatMessage("hi")]);
        await chat.CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(1, _fabric.Control!.KeyLookups);
        var record = await WaitForUsage(2);
        Assert.All(record, r => Assert.Equal("acme", r.CustomerId));
        Assert.All(record, r => Assert.Equal("k1", r.KeyId));
    }

    [Fact]
    public async Task Revoked_and_expired_keys_get_401()
    {
        var router = _fabric.StartRouter();
        var revoked = _fabric.AddKey(new KeyPolicy { KeyId = "k2", CustomerId = "acme", Revoked = true });
        var expired = _fabric.AddKey(new KeyPolicy { KeyId = "k3", CustomerId = "acme", ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) });
        foreach (var key in new[] { revoked, expired })
        {
            using var http = TestFabric.Raw(router, key);
            using var response = await http.GetAsync("/v1/models");
            await OpenAiApiTests.AssertError(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        }
    }

    [Fact]
    public async Task Key_sees_and_uses_only_its_allowed_models()
    {
        var router = _fabric.StartRouter();
        var key = _fabric.AddKey(new KeyPolicy { KeyId = "k4", CustomerId = "acme", AllowedModels = ["chat-fast", "auto"] });
        var client = router.OpenAi(key);

        var models = await client.GetOpenAIModelClient().GetModelsAsync();
        Assert.Equal(["chat-fast", "auto"], models.Value.Select(m => m.Id).ToArray());

        await client.GetChatClient("chat-fast").CompleteChatAsync([new UserChatMessage("hi")]);
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(403, ex.Status);
    }

    [Fact]
    public async Task Cached_policy_expires_after_its_ttl()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var router = _fabric.StartRouter(services: s => s.AddSingleton<TimeProvider>(clock));
        var key = _fabric.AddKey(new KeyPolicy { KeyId = "k5", CustomerId = "acme", CacheSeconds = 30 });
        using var http = TestFabric.Raw(router, key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/models")).StatusCode);

        _fabric.Control!.SetKey(key, new KeyPolicy { KeyId = "k5", CustomerId = "acme", Revoked = true });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/models")).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/models")).StatusCode);
    }

    [Fact]
    public async Task Cached_policy_keeps_working_while_control_is_down()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var router = _fabric.StartRouter(services: s => s.AddSingleton<TimeProvider>(clock));
        var key = _fabric.AddKey(new KeyPolicy { KeyId = "k6", CustomerId = "acme", CacheSeconds = 1 });
        using var http = TestFabric.Raw(router, key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/models")).StatusCode);

        await _fabric.Control!.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/models")).StatusCode);

        using var unknown = TestFabric.Raw(router, "sk-never-seen");
        await OpenAiApiTests.AssertError(await unknown.GetAsync("/v1/models"), HttpStatusCode.ServiceUnavailable, "key_service_unavailable");
    }

    private async Task<List<Contracts.Usage.UsageRecord>> WaitForUsage(int count)
    {
        await Eventually.TrueAsync(() => _fabric.Control!.Usage.Count >= count, $"{count} usage records");
        return _fabric.Control!.Usage.Values.Select(v => v.Record).ToList();
    }
}
