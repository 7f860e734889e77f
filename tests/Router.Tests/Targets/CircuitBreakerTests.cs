using HybridInference.Router.Targets;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Targets;

public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Circuit_opens_after_consecutive_failures_and_half_opens_for_one_trial()
    {
        var backend = new BackendState("b", _clock);
        backend.RecordFailure("x", 3, OpenFor);
        backend.RecordFailure("x", 3, OpenFor);
        Assert.Equal(CircuitState.Closed, backend.Circuit);
        backend.RecordFailure("x", 3, OpenFor);
        Assert.Equal(CircuitState.Open, backend.Circuit);
        Assert.False(backend.IsAvailable);
        Assert.False(backend.TryAdmit());

        _clock.Advance(OpenFor);
        Assert.True(backend.IsAvailable);
        Assert.True(backend.TryAdmit());
        Assert.Equal(CircuitState.HalfOpen, backend.Circuit);
        Assert.False(backend.TryAdmit());

        backend.RecordSuccess();
        Assert.Equal(CircuitState.Closed, backend.Circuit);
        Assert.True(backend.TryAdmit());
    }

    [Fact]
    public void Failed_trial_opens_the_circuit_again()
    {
        var backend = new BackendState("b", _clock);
        backend.RecordFailure("x", 1, OpenFor);
        _clock.Advance(OpenFor);
        Assert.True(backend.TryAdmit());

        backend.RecordFailure("still down", 3, OpenFor);
        Assert.Equal(CircuitState.Open, backend.Circuit);
        Assert.False(backend.TryAdmit());
        _clock.Advance(OpenFor);
        Assert.True(backend.TryAdmit());
    }

    [Fact]
    public void Success_resets_the_failure_count()
    {
        var backend = new BackendState("b", _clock);
        backend.RecordFailure("x", 3, OpenFor);
        backend.RecordFailure("x", 3, OpenFor);
        backend.RecordSuccess();
        backend.RecordFailure("x", 3, OpenFor);
        Assert.Equal(CircuitState.Closed, backend.Circuit);
    }
}
