using HybridInference.Simulator.Engine;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Faults;

/// <summary>
/// The engine's current <see cref="FaultSettings"/>. Requests read one immutable snapshot; changes swap it whole.
/// The dice behind <c>error_rate</c> are reseeded from <see cref="SimulatorOptions.Seed"/> on every change, so a
/// test that sets a fault sees the same sequence of failures each run.
/// </summary>
internal sealed class FaultState
{
    private readonly FaultSettings _defaults;
    private readonly RequestScheduler _scheduler;
    private readonly int _seed;
    private readonly Lock _diceGate = new();
    private Random _dice;
    private volatile FaultSettings _current;

    public FaultState(IOptions<SimulatorOptions> options, RequestScheduler scheduler)
    {
        var engine = options.Value;
        _defaults = new FaultSettings
        {
            TimeToFirstTokenMs = engine.TimeToFirstTokenMs,
            TokensPerSecond = engine.TokensPerSecond,
            MaxConcurrency = engine.MaxConcurrency,
        };
        _scheduler = scheduler;
        _seed = engine.Seed;
        _dice = new Random(_seed);
        _current = _defaults;
    }

    public FaultSettings Current => _current;

    public FaultSettings Set(FaultSettings settings)
    {
        lock (_diceGate)
        {
            _current = settings;
            _dice = new Random(_seed);
        }
        _scheduler.SetCapacity(settings.MaxConcurrency);
        return settings;
    }

    /// <summary>Back to the configured engine: no faults, configured timing.</summary>
    public FaultSettings Clear() => Set(_defaults);

    /// <summary>Rolls the <c>error_rate</c> dice for one request; the status to answer with when it fails.</summary>
    public int? NextInjectedError()
    {
        var settings = _current;
        if (settings.ErrorRate <= 0)
        {
            return null;
        }
        double roll;
        lock (_diceGate)
        {
            roll = _dice.NextDouble();
        }
        return roll < settings.ErrorRate ? settings.ErrorStatus : null;
    }
}
