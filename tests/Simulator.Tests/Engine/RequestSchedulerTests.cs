using HybridInference.Simulator.Engine;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Tests.Engine;

public sealed class RequestSchedulerTests
{
    [Fact]
    public async Task Waiting_requests_start_in_arrival_order()
    {
        var scheduler = Create(models: 2, slots: 1);
        var running = await scheduler.AcquireAsync(0, CancellationToken.None);
        var second = scheduler.AcquireAsync(1, CancellationToken.None).AsTask();
        var third = scheduler.AcquireAsync(0, CancellationToken.None).AsTask();

        Assert.Equal((1, 1, 1), scheduler.Snapshot(0));
        Assert.Equal((0, 1, 1), scheduler.Snapshot(1));
        running.Dispose();
        var secondLease = await second;
        Assert.False(third.IsCompleted);
        Assert.Equal((1, 0, 1), scheduler.Snapshot(1));
        secondLease.Dispose();
        (await third).Dispose();

        Assert.Equal((0, 0, 0), scheduler.Snapshot(0));
        Assert.Equal((0, 0, 0), scheduler.Snapshot(1));
    }

    [Fact]
    public async Task Cancelled_waiter_leaves_the_queue_without_taking_a_slot()
    {
        var scheduler = Create(models: 1, slots: 1);
        var running = await scheduler.AcquireAsync(0, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = scheduler.AcquireAsync(0, cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal((1, 0, 1), scheduler.Snapshot(0));
        running.Dispose();
        Assert.Equal((0, 0, 0), scheduler.Snapshot(0));
    }

    private static RequestScheduler Create(int models, int slots)
    {
        var options = Options.Create(new SimulatorOptions
        {
            Models = [.. Enumerable.Range(0, models).Select(i => $"model-{i}")],
            MaxConcurrency = slots,
        });
        return new RequestScheduler(new ModelCatalog(options), options);
    }
}
