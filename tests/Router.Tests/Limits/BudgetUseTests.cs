using System.Diagnostics.Metrics;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Limits;
using HybridInference.Router.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Limits;

public sealed class BudgetUseTests
{
    /// <summary>A <see cref="BudgetUse"/> on a meter of its own, as the Router's container would make it.</summary>
    internal static BudgetUse Create() =>
        new(new RouterTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()));

    [Fact]
    public async Task A_budgeted_key_reports_the_share_spent_and_reserved()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 5, TimeSpan.Zero));
        var budgetUse = Create();
        var limiter = new KeyLimiter(new InProcessCounterStore(clock), clock, budgetUse);
        // Other tests' Routers publish the same instrument in this process; this key's name is only this test's.
        var (key, free) = ("k-" + Guid.NewGuid().ToString("N"), "free-" + Guid.NewGuid().ToString("N"));

        await limiter.AcquireAsync(new KeyPolicy { KeyId = key, CustomerId = "c", MonthlyBudget = 1.00m, SpentThisMonth = 0.30m }, 0, 0.20m);
        await limiter.AcquireAsync(new KeyPolicy { KeyId = free, CustomerId = "c" }, 0, 0.20m);

        var observed = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "hybrid.router.key.budget_used_ratio")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => observed[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(0.5, Assert.Single(observed, o => o.Key == key).Value, precision: 6);
        Assert.DoesNotContain(free, observed.Keys);
    }
}
