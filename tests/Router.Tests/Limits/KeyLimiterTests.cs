using HybridInference.Contracts.Keys;
using HybridInference.Router.Limits;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Limits;

public sealed class KeyLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 5, TimeSpan.Zero));

    private KeyLimiter Limiter() => new(new InProcessCounterStore(_clock), _clock, BudgetUseTests.Create());

    [Fact]
    public async Task Requests_per_minute_refuse_past_the_limit_and_reset_with_the_window()
    {
        var limiter = Limiter();
        var policy = new KeyPolicy { KeyId = "k", CustomerId = "c", RequestsPerMinute = 2 };
        Assert.Equal(LimitKind.None, (await limiter.AcquireAsync(policy, 0, 0)).Refused);
        var second = await limiter.AcquireAsync(policy, 0, 0);
        Assert.Equal(0, second.RequestsRemaining);
        var third = await limiter.AcquireAsync(policy, 0, 0);
        Assert.Equal(LimitKind.Requests, third.Refused);
        Assert.Equal(TimeSpan.FromSeconds(55), third.RetryAfter);

        _clock.Advance(TimeSpan.FromSeconds(55));
        Assert.Equal(LimitKind.None, (await limiter.AcquireAsync(policy, 0, 0)).Refused);
    }

    [Fact]
    public async Task Tokens_are_reserved_for_the_worst_case_and_settled_with_real_usage()
    {
        var limiter = Limiter();
        var policy = new KeyPolicy { KeyId = "k", CustomerId = "c", TokensPerMinute = 150 };
        var first = await limiter.AcquireAsync(policy, 110, 0);
        Assert.Equal(LimitKind.None, first.Refused);

        // While the first is in flight its worst case counts: a second concurrent one does not fit.
        Assert.Equal(LimitKind.Tokens, (await limiter.AcquireAsync(policy, 110, 0)).Refused);

        await limiter.SettleAsync(first, 20, 0);
        var second = await limiter.AcquireAsync(policy, 110, 0);
        Assert.Equal(LimitKind.None, second.Refused);
        Assert.Equal(20, second.TokensRemaining);
    }

    [Fact]
    public async Task Budget_is_reserved_so_concurrent_requests_cannot_overshoot()
    {
        var limiter = Limiter();
        var policy = new KeyPolicy { KeyId = "k", CustomerId = "c", MonthlyBudget = 1.00m, SpentThisMonth = 0.30m };
        var first = await limiter.AcquireAsync(policy, 0, 0.50m);
        Assert.Equal(LimitKind.None, first.Refused);

        var refused = await limiter.AcquireAsync(policy, 0, 0.50m);
        Assert.Equal(LimitKind.Budget, refused.Refused);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow(), refused.RetryAfter);

        await limiter.SettleAsync(first, 0, 0.05m);
        Assert.Equal(LimitKind.None, (await limiter.AcquireAsync(policy, 0, 0.50m)).Refused);
    }

    [Fact]
    public async Task Refused_budget_gives_back_the_token_reservation()
    {
        var limiter = Limiter();
        var policy = new KeyPolicy { KeyId = "k", CustomerId = "c", TokensPerMinute = 100, MonthlyBudget = 0.10m };
        Assert.Equal(LimitKind.Budget, (await limiter.AcquireAsync(policy, 80, 1m)).Refused);
        Assert.Equal(LimitKind.None, (await limiter.AcquireAsync(policy, 80, 0.01m)).Refused);
    }
}
