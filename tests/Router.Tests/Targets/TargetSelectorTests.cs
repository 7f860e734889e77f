using HybridInference.Contracts.Configuration;
using HybridInference.Router.Targets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Targets;

public sealed class TargetSelectorTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly TargetSelector _selector = new(Options.Create(new TargetOptions
    {
        SpilloverWaitingRequests = 8, SpilloverKvCacheUsage = 0.95, SpilloverTimeToFirstTokenSeconds = 2,
    }));

    private BackendState Backend(string name, BackendLocality locality, int maxConcurrency = 4, int weight = 1) => new(name, _clock)
    {
        Config = new BackendConfig { Name = name, Url = "http://" + name, Locality = locality, MaxConcurrency = maxConcurrency, Weight = weight },
    };

    private static ModelEntry Model(string id, params BackendState[] backends) =>
        new(new ModelConfig { Id = id }, backends.Select(b => new ModelTargetEntry(b, id)).ToArray());

    private static string[] Names(List<Attempt> attempts) => attempts.Select(a => $"{a.Model.Id}@{a.Backend.Name}").ToArray();

    [Fact]
    public void Local_targets_come_first_then_remote_then_the_next_candidate()
    {
        var cloud = Backend("cloud", BackendLocality.Remote);
        var local = Backend("local", BackendLocality.Local);
        var other = Backend("other", BackendLocality.Local);
        var plan = _selector.Plan([Model("m1", cloud, local), Model("m2", other)], localOnly: false);
        Assert.Equal(["m1@local", "m1@cloud", "m2@other"], Names(plan));
        Assert.False(plan[1].Spillover);
    }

    [Fact]
    public void Saturated_local_target_spills_over_to_remote_and_comes_back_when_free()
    {
        var cloud = Backend("cloud", BackendLocality.Remote);
        var local = Backend("local", BackendLocality.Local, maxConcurrency: 2);
        var model = Model("m", local, cloud);
        local.BeginRequest();
        local.BeginRequest();

        var plan = _selector.Plan([model], localOnly: false);
        Assert.Equal(["m@cloud", "m@local"], Names(plan));
        Assert.True(plan[0].Spillover);

        local.EndRequest();
        Assert.Equal(["m@local", "m@cloud"], Names(_selector.Plan([model], localOnly: false)));
    }

    [Fact]
    public void Engine_queue_kv_cache_and_slow_first_tokens_count_as_saturation()
    {
        var cloud = Backend("cloud", BackendLocality.Remote);
        var local = Backend("local", BackendLocality.Local);
        var model = Model("m", local, cloud);

        local.Load = new EngineLoad(WaitingRequests: 12, RunningRequests: 4, KvCacheUsage: 0.5, TimeToFirstTokenSeconds: null);
        Assert.Equal("m@cloud", Names(_selector.Plan([model], false))[0]);

        local.Load = new EngineLoad(0, 4, 0.97, null);
        Assert.Equal("m@cloud", Names(_selector.Plan([model], false))[0]);

        local.Load = new EngineLoad(0, 4, 0.5, TimeToFirstTokenSeconds: 3.5);
        Assert.Equal("m@cloud", Names(_selector.Plan([model], false))[0]);

        local.Load = new EngineLoad(0, 1, 0.2, 0.05);
        Assert.Equal("m@local", Names(_selector.Plan([model], false))[0]);

        // No request finished since the last scrape: nothing says the engine is slow.
        local.Load = new EngineLoad(0, 0, 0.1, null);
        Assert.Equal("m@local", Names(_selector.Plan([model], false))[0]);
    }

    [Fact]
    public void Least_outstanding_requests_wins_with_weights_honoured()
    {
        var a = Backend("a", BackendLocality.Local, maxConcurrency: 100);
        var b = Backend("b", BackendLocality.Local, maxConcurrency: 100, weight: 3);
        var model = Model("m", a, b);
        a.BeginRequest();
        Assert.Equal("m@b", Names(_selector.Plan([model], false))[0]);

        // b carries three times a's share: with 4 in flight against a's 1 it is still the lighter one.
        for (var i = 0; i < 4; i++)
        {
            b.BeginRequest();
        }
        Assert.Equal("m@b", Names(_selector.Plan([model], false))[0]);
        for (var i = 0; i < 4; i++)
        {
            b.BeginRequest();
        }
        Assert.Equal("m@a", Names(_selector.Plan([model], false))[0]);
    }

    [Fact]
    public void Personal_data_keeps_the_plan_local_and_open_circuits_are_left_out()
    {
        var cloud = Backend("cloud", BackendLocality.Remote);
        var local = Backend("local", BackendLocality.Local);
        var model = Model("m", local, cloud);
        Assert.Equal(["m@local"], Names(_selector.Plan([model], localOnly: true)));

        local.RecordFailure("down", 1, TimeSpan.FromSeconds(10));
        Assert.Empty(_selector.Plan([model], localOnly: true));
        Assert.Equal(["m@cloud"], Names(_selector.Plan([model], localOnly: false)));
    }
}
