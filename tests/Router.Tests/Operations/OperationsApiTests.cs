using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HybridInference.Router.Configuration;
using HybridInference.Router.Tests.Infrastructure;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Operations;

public sealed class OperationsApiTests
{
    [Fact]
    public async Task Drained_backend_gets_no_new_work_across_a_config_reload_until_undrained()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var admin = TestFabric.Raw(router, TestFabric.AdminToken);
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");
        Assert.Equal("alpha", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));

        var drained = await JsonAsync(await admin.PostAsync("/v1/operations/backends/alpha/drain", null));
        Assert.True((bool)drained["drained"]!);
        Assert.Equal("cloud", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));

        await fabric.ReplaceConfigAsync(fabric.Yaml(version: 7));
        await Eventually.TrueAsync(() => router.Service<RouterConfigStore>().Current.Version == 7, "the new config in use");
        Assert.Equal(7, (long)(await JsonAsync(await admin.GetAsync("/v1/operations/config")))["version"]!);
        Assert.Equal("cloud", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));
        var alpha = (await JsonAsync(await admin.GetAsync("/v1/operations/backends")))["data"]!.AsArray().Single(b => (string?)b!["name"] == "alpha")!;
        Assert.True((bool)alpha["drained"]!);

        await admin.PostAsync("/v1/operations/backends/alpha/undrain", null);
        Assert.Equal("alpha", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));
    }

    [Fact]
    public async Task Check_now_probes_the_backend_and_reports_its_circuit_and_engine_load()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var admin = TestFabric.Raw(router, TestFabric.AdminToken);
        fabric.Alpha.WaitingRequests = 3;

        var alpha = await JsonAsync(await admin.PostAsync("/v1/operations/backends/alpha/check", null));
        Assert.Equal("closed", (string?)alpha["circuit"]);
        Assert.Equal(3, (double)alpha["load"]!["waiting_requests"]!);
        Assert.Equal(64, (int)alpha["max_concurrency"]!);

        await fabric.Alpha.KillAsync();
        alpha = await JsonAsync(await admin.PostAsync("/v1/operations/backends/alpha/check", null));
        Assert.Equal("open", (string?)alpha["circuit"]);
        Assert.Contains("health probe failed", (string?)alpha["last_error"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/v1/operations/backends/nope/check", null)).StatusCode);
    }

    [Fact]
    public async Task Decisions_are_filtered_and_carry_key_tokens_and_trace_id()
    {
        using var spans = new SpanRecorder();
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var admin = TestFabric.Raw(router, TestFabric.AdminToken);
        var client = router.OpenAi(TestFabric.DevKey);
        await client.GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("hi")]);
        await client.GetChatClient("coder-model").CompleteChatAsync([new UserChatMessage("hi")]);

        var all = (await JsonAsync(await admin.GetAsync("/v1/operations/decisions")))["data"]!.AsArray();
        Assert.Equal(["coder-model", "general-model"], all.Select(d => (string?)d!["requested_model"]));
        var coder = (await JsonAsync(await admin.GetAsync("/v1/operations/decisions?model=coder-model&status=ok")))["data"]!.AsArray().Single()!;
        Assert.Equal("beta", (string?)coder["backend"]);
        Assert.False(string.IsNullOrEmpty((string?)coder["key_id"]));
        var route = spans.RouteOf((string?)coder["request_id"]);
        Assert.Equal(route.TraceId.ToHexString(), (string?)coder["trace_id"]);
        Assert.Equal(FakeBackend.PromptTokens, (int)coder["prompt_tokens"]!);
        Assert.Empty((await JsonAsync(await admin.GetAsync("/v1/operations/decisions?status=error")))["data"]!.AsArray());
        Assert.Empty((await JsonAsync(await admin.GetAsync($"/v1/operations/decisions?since={DateTimeOffset.UtcNow.AddMinutes(1):O}".Replace("+", "%2B", StringComparison.Ordinal))))["data"]!.AsArray());
    }

    [Fact]
    public async Task Operations_need_the_admin_token()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();

        Assert.Equal(HttpStatusCode.Unauthorized, (await TestFabric.Raw(router).GetAsync("/v1/operations/backends")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestFabric.Raw(router, null).PostAsync("/v1/operations/backends/alpha/drain", null)).StatusCode);
        Assert.False(router.Service<HybridInference.Router.Targets.BackendRegistry>().Find("alpha")!.Drained);
    }

    private static string? BackendOf(System.ClientModel.ClientResult result) =>
        result.GetRawResponse().Headers.TryGetValue("x-hybrid-backend", out var backend) ? backend : null;

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
