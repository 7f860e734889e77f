using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Simulator.Tests;

/// <summary>A fake clock that also tells when the app starts waiting on it, so tests advance time only once a delay is armed.</summary>
internal sealed class ObservableTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _armed = new();
    private readonly SemaphoreSlim _signal = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.Enqueue(dueTime);
        _signal.Release();
        return timer;
    }

    /// <summary>Waits until a timer with <paramref name="dueTime"/> has been created (other timers are ignored).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        while (true)
        {
            Assert.True(await _signal.WaitAsync(TimeSpan.FromSeconds(10)), $"No timer of {dueTime} was armed.");
            while (_armed.TryDequeue(out var armed))
            {
                if (armed == dueTime)
                {
                    return;
                }
            }
        }
    }
}
