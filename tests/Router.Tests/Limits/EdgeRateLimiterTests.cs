using HybridInference.Router.Configuration;
using HybridInference.Router.Limits;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Limits;

public sealed class EdgeRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    // 100 req/s takes leases of five tokens.
    private EdgeRateLimiter Limiter(double perSecond = 100, int burst = 10) =>
        new(new InProcessCounterStore(_clock), Options.Create(new RouterOptions { EdgeRequestsPerSecond = perSecond, EdgeBurst = burst }), _clock);

    private static async Task<int> AdmittedOf(EdgeRateLimiter limiter, int attempts)
    {
        var admitted = 0;
        for (var i = 0; i < attempts; i++)
        {
            admitted += (await limiter.TryAcquireAsync()).Admitted ? 1 : 0;
        }
        return admitted;
    }

    [Fact]
    public async Task Leases_admit_the_burst_and_then_the_rate_never_more()
    {
        var limiter = Limiter();
        Assert.Equal(10, await AdmittedOf(limiter, 10));
        var refused = await limiter.TryAcquireAsync();
        Assert.False(refused.Admitted);
        Assert.Equal(TimeSpan.FromMilliseconds(10), refused.RetryAfter);

        _clock.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Equal(3, await AdmittedOf(limiter, 6));
    }

    [Fact]
    public async Task Tokens_a_replica_leased_but_did_not_spend_expire_and_never_loosen_the_limit()
    {
        var limiter = Limiter();
        Assert.True((await limiter.TryAcquireAsync()).Admitted);

        // Four leased tokens are left over; after a second they are gone, and the refilled bucket holds the burst only.
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(10, await AdmittedOf(limiter, 15));
    }

    [Fact]
    public async Task Zero_rate_turns_the_limit_off()
    {
        Assert.Equal(1000, await AdmittedOf(Limiter(perSecond: 0, burst: 1), 1000));
    }
}
