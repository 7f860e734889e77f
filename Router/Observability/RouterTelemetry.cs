using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HybridInference.Router.Observability;

/// <summary>The Router's meter and activity source (<c>HybridInference.Router</c>) and every instrument on it.</summary>
internal sealed class RouterTelemetry : IDisposable
{
    public const string Name = "HybridInference.Router";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;

    public RouterTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Requests = _meter.CreateCounter<long>("hybrid.router.requests", "{request}", "Requests answered, by status, served model, backend, locality and category.");
        Duration = _meter.CreateHistogram<double>("hybrid.router.request.duration", "ms", "Whole request time.");
        Overhead = _meter.CreateHistogram<double>("hybrid.router.overhead", "ms", "Time spent in the Router before the request went upstream.");
        TimeToFirstToken = _meter.CreateHistogram<double>("hybrid.router.time_to_first_token", "ms", "Time to the first streamed byte.");
        Tokens = _meter.CreateCounter<long>("hybrid.router.tokens", "{token}", "Tokens metered, by direction and model.");
        Fallbacks = _meter.CreateCounter<long>("hybrid.router.fallbacks", "{fallback}", "Targets that failed before another served, by backend and reason.");
        Continuations = _meter.CreateCounter<long>("hybrid.router.stream_continuations", "{continuation}", "Streams continued on another target after their backend died, by outcome.");
        Spillovers = _meter.CreateCounter<long>("hybrid.router.spillovers", "{request}", "Requests sent to a remote backend because every local one was down or full.");
        ClassifierDuration = _meter.CreateHistogram<double>("hybrid.router.classifier.duration", "ms", "Classifier call latency (cache misses).");
        ClassifierFallbacks = _meter.CreateCounter<long>("hybrid.router.classifier.fallbacks", "{request}", "Classifier calls that failed or were slower than their timeout.");
        ClassifierCacheHits = _meter.CreateCounter<long>("hybrid.router.classifier.cache_hits", "{request}", "Requests classified from the classification cache.");
        GuardUnchecked = _meter.CreateCounter<long>("hybrid.router.guard.unchecked", "{request}", "Guarded requests the classifier could not check, by outcome: passed (marked unchecked) or refused.");
        CacheLookups = _meter.CreateCounter<long>("hybrid.router.cache.lookups", "{request}", "Response cache lookups, by outcome: hit or miss.");
        CacheStores = _meter.CreateCounter<long>("hybrid.router.cache.stores", "{response}", "Answers kept by the response cache.");
        RateLimited = _meter.CreateCounter<long>("hybrid.router.rate_limited", "{request}", "Requests refused by a limit, by limit.");
        UsageRecords = _meter.CreateCounter<long>("hybrid.router.usage.records", "{record}", "Usage records by outcome: shipped, spooled, replayed, dropped.");
        CircuitChanges = _meter.CreateCounter<long>("hybrid.router.circuit.transitions", "{transition}", "Circuit breaker state changes, by backend and new state.");
        Cost = _meter.CreateCounter<double>("hybrid.router.cost", "{currency}", "Spend metered at the catalog's prices (Control's currency), by model.");
    }

    public Counter<long> Requests { get; }
    public Histogram<double> Duration { get; }
    public Histogram<double> Overhead { get; }
    public Histogram<double> TimeToFirstToken { get; }
    public Counter<long> Tokens { get; }
    public Counter<long> Fallbacks { get; }
    public Counter<long> Continuations { get; }
    public Counter<long> Spillovers { get; }
    public Histogram<double> ClassifierDuration { get; }
    public Counter<long> ClassifierFallbacks { get; }
    public Counter<long> ClassifierCacheHits { get; }
    public Counter<long> GuardUnchecked { get; }
    public Counter<long> CacheLookups { get; }
    public Counter<long> CacheStores { get; }
    public Counter<long> RateLimited { get; }
    public Counter<long> UsageRecords { get; }
    public Counter<long> CircuitChanges { get; }
    public Counter<double> Cost { get; }

    /// <summary>Registers an observable gauge on the Router's meter (circuit state, in-flight counts, spool size).</summary>
    public void ObserveGauge<T>(string name, Func<IEnumerable<Measurement<T>>> observe, string unit, string description) where T : struct =>
        _meter.CreateObservableGauge(name, observe, unit, description);

    public void Dispose() => _meter.Dispose();
}
