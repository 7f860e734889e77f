using HybridInference.Router.Targets;
using HybridInference.Router.Tests.Infrastructure;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Targets;

public sealed class SpilloverTests
{
    [Fact]
    public async Task Busy_local_engine_spills_over_to_remote_and_traffic_comes_back_when_it_frees_up()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var prober = router.Service<BackendProber>();
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");

        fabric.Alpha.WaitingRequests = 50;
        await prober.ProbeAllAsync(CancellationToken.None);
        Assert.Equal("cloud", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));

        fabric.Alpha.WaitingRequests = 0;
        await prober.ProbeAllAsync(CancellationToken.None);
        Assert.Equal("alpha", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));
    }

    [Fact]
    public async Task Local_engine_slow_to_first_token_spills_over_until_it_is_quick_again()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var prober = router.Service<BackendProber>();
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");
        await prober.ProbeAllAsync(CancellationToken.None);

        fabric.Alpha.RecordFirstToken(4.0);
        fabric.Alpha.RecordFirstToken(3.0);
        await prober.ProbeAllAsync(CancellationToken.None);
        Assert.Equal("cloud", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));

        fabric.Alpha.RecordFirstToken(0.1);
        await prober.ProbeAllAsync(CancellationToken.None);
        Assert.Equal("alpha", BackendOf(await chat.CompleteChatAsync([new UserChatMessage("hi")])));
    }

    private static string? BackendOf(System.ClientModel.ClientResult result) =>
        result.GetRawResponse().Headers.TryGetValue("x-hybrid-backend", out var backend) ? backend : null;

    [Fact]
    public async Task Failed_health_probe_opens_the_circuit_so_no_request_waits_on_a_dead_engine()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        var prober = router.Service<BackendProber>();
        var alpha = router.Service<BackendRegistry>().Find("alpha")!;
        await prober.ProbeAllAsync(CancellationToken.None);
        Assert.Equal(CircuitState.Closed, alpha.Circuit);

        await fabric.Alpha.KillAsync();
        await prober.ProbeAllAsync(CancellationToken.None);
        Assert.Equal(CircuitState.Open, alpha.Circuit);

        Assert.Equal("cloud", BackendOf(await router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("hi")])));
    }
}
