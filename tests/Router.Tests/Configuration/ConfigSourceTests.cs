using System.Net;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Configuration;
using HybridInference.Router.Configuration;
using HybridInference.Router.Tests.Infrastructure;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Configuration;

public sealed class ConfigSourceTests
{
    [Fact]
    public async Task Edited_yaml_file_is_picked_up_without_a_restart()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var store = router.Service<RouterConfigStore>();
        Assert.False(store.Current.IsKnown("brand-new"));

        await fabric.ReplaceConfigAsync(fabric.Yaml().Replace("  - name: relay", "  - name: brand-new\n    candidates: [general-model]\n  - name: relay", StringComparison.Ordinal));

        await Eventually.TrueAsync(() => store.Current.IsKnown("brand-new"), "the edited file to be loaded");
        var result = await router.OpenAi(TestFabric.DevKey).GetChatClient("brand-new").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal(FakeBackend.Reply, result.Value.Content[0].Text);
    }

    [Fact]
    public async Task Invalid_config_is_refused_the_last_good_one_stays_and_health_says_why()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var store = router.Service<RouterConfigStore>();

        await fabric.ReplaceConfigAsync(fabric.Yaml().Replace("candidates: [general-model, cloud-model]", "candidates: [no-such-model]", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => store.LastError is not null, "the bad config to be refused");

        Assert.Contains("no-such-model", store.LastError);
        var result = await router.OpenAi(TestFabric.DevKey).GetChatClient("chat-fast").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal(FakeBackend.Reply, result.Value.Content[0].Text);

        using var http = router.CreateClient();
        using var health = await http.GetAsync("/health");
        var report = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        var check = report["checks"]!["config"]!;
        Assert.Equal("Degraded", check["status"]!.GetValue<string>());
        Assert.Contains("no-such-model", check["data"]!["config_error"]!.GetValue<string>());

        await fabric.ReplaceConfigAsync("backends: [ this is not yaml");
        await Eventually.TrueAsync(() => store.LastError?.Contains("no-such-model") == false, "the unreadable file to be refused");
        Assert.True(store.Current.IsKnown("chat-fast"));
    }

    [Fact]
    public async Task Control_mode_takes_the_config_from_control_over_the_bootstrap_file()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        fabric.Control!.Config = RouterConfigYaml.Parse(fabric.Yaml().Replace("  - name: relay", "  - name: from-control\n    candidates: [general-model]\n  - name: relay", StringComparison.Ordinal)) with { Version = 7 };
        var router = fabric.StartRouter(new Dictionary<string, string?> { ["Router:ConfigSource"] = "control" });
        var store = router.Service<RouterConfigStore>();

        await Eventually.TrueAsync(() => store.Current.Version == 7, "the config from Control");
        Assert.Equal("control", store.Origin);
        var models = await router.OpenAi(TestFabric.DevKey).GetOpenAIModelClient().GetModelsAsync();
        Assert.Contains(models.Value, m => m.Id == "from-control");

        // A bad version from Control is refused and version 7 stays.
        fabric.Control.Config = fabric.Control.Config with { Version = 8, Routes = [new RouteConfig { Name = "broken", Candidates = ["nothing"] }] };
        await router.Service<ControlConfigSource>().PollAsync(CancellationToken.None);
        Assert.Equal(7, store.Current.Version);
        Assert.Contains("nothing", store.LastError);
    }

    [Fact]
    public async Task Backend_given_as_a_service_name_is_resolved_by_service_discovery()
    {
        await using var fabric = await TestFabric.StartAsync();
        await fabric.ReplaceConfigAsync(fabric.Yaml().Replace($"url: {fabric.Alpha.Url}", "url: http://vllm-alpha", StringComparison.Ordinal));
        var router = fabric.StartRouter(new Dictionary<string, string?> { ["services:vllm-alpha:http:0"] = fabric.Alpha.Url });

        var result = await router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal(FakeBackend.Reply, result.Value.Content[0].Text);
        Assert.Single(fabric.Alpha.Requests);
    }
}
