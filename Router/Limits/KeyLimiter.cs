using HybridInference.Contracts.Keys;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Limits;

/// <summary>
/// A key's requests per minute, tokens per minute and monthly budget. Tokens and money are reserved for the request's
/// worst case before it is forwarded and settled with the real usage afterwards, atomically in the shared counter
/// store, so concurrent requests across replicas cannot overshoot.
/// </summary>
internal sealed class KeyLimiter(ICounterStore counters, TimeProvider time, BudgetUse budgetUse)
{
    // Budgets are counted in billionths of the currency unit: per-token prices are tiny.
    public const decimal MoneyScale = 1_000_000_000m;

    private static readonly TimeSpan MinuteTtl = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MonthTtl = TimeSpan.FromDays(40);

    public static bool HasLimits(KeyPolicy policy) =>
        policy.RequestsPerMinute is not null || policy.TokensPerMinute is not null || policy.MonthlyBudget is not null;

    /// <summary>Counts the request and reserves its worst case; refuses with the limit that was reached.</summary>
    public async ValueTask<LimitDecision> AcquireAsync(KeyPolicy policy, long worstCaseTokens, decimal worstCaseCost)
    {
        var now = time.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        var minute = seconds / 60;
        var reset = TimeSpan.FromSeconds(60 - seconds % 60);
        var decision = new LimitDecision { Reset = reset };

        if (policy.RequestsPerMinute is { } rpm)
        {
            var (added, value) = await counters.TryAddAsync($"rpm:{policy.KeyId}:{minute}", 1, rpm, MinuteTtl);
            decision = decision with { RequestLimit = rpm, RequestsRemaining = Math.Max(0, rpm - value) };
            if (!added)
            {
                return decision with { Refused = LimitKind.Requests, RetryAfter = reset };
            }
        }
        if (policy.TokensPerMinute is { } tpm)
        {
            var key = $"tpm:{policy.KeyId}:{minute}";
            // A single request larger than the whole limit could never pass; let it use the full window instead.
            var reserve = Math.Min(worstCaseTokens, tpm);
            var (added, value) = await counters.TryAddAsync(key, reserve, tpm, MinuteTtl);
            decision = decision with { TokenLimit = tpm, TokensRemaining = Math.Max(0, tpm - value) };
            if (!added)
            {
                return decision with { Refused = LimitKind.Tokens, RetryAfter = reset };
            }
            decision = decision with { TokenKey = key, ReservedTokens = reserve };
        }
        if (policy.MonthlyBudget is { } budget)
        {
            var key = $"budget:{policy.KeyId}:{now:yyyyMM}";
            var reserve = (long)(worstCaseCost * MoneyScale);
            var (added, spent) = await counters.TryAddAsync(key, Math.Max(1, reserve), (long)(budget * MoneyScale), MonthTtl,
                seed: (long)(policy.SpentThisMonth * MoneyScale));
            budgetUse.Record(policy.KeyId, spent, (long)(budget * MoneyScale));
            if (!added)
            {
                await ReleaseTokensAsync(decision);
                var monthEnd = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
                return decision with { TokenKey = null, ReservedTokens = 0, Refused = LimitKind.Budget, RetryAfter = monthEnd - now };
            }
            decision = decision with { BudgetKey = key, ReservedMoney = Math.Max(1, reserve) };
        }
        return decision;
    }

    /// <summary>Replaces the reservation with what the request really used.</summary>
    public async ValueTask SettleAsync(LimitDecision decision, long usedTokens, decimal usedCost)
    {
        if (decision.TokenKey is { } tokenKey && usedTokens != decision.ReservedTokens)
        {
            await counters.AddAsync(tokenKey, usedTokens - decision.ReservedTokens, MinuteTtl);
        }
        if (decision.BudgetKey is { } budgetKey)
        {
            var used = (long)(usedCost * MoneyScale);
            if (used != decision.ReservedMoney)
            {
                await counters.AddAsync(budgetKey, used - decision.ReservedMoney, MonthTtl);
            }
        }
    }

    private async ValueTask ReleaseTokensAsync(LimitDecision decision)
    {
        if (decision.TokenKey is { } tokenKey)
        {
            await counters.AddAsync(tokenKey, -decision.ReservedTokens, MinuteTtl);
        }
    }
}

/// <summary>Which limit refused a request.</summary>
internal enum LimitKind
{
    None,
    Requests,
    Tokens,
    Budget,
}

/// <summary>The outcome of <see cref="KeyLimiter.AcquireAsync"/>: refusal or the reservation to settle, plus header values.</summary>
internal sealed record LimitDecision
{
    public LimitKind Refused { get; init; }
    public TimeSpan RetryAfter { get; init; }
    public TimeSpan Reset { get; init; }
    public long? RequestLimit { get; init; }
    public long RequestsRemaining { get; init; }
    public long? TokenLimit { get; init; }
    public long TokensRemaining { get; init; }
    public string? TokenKey { get; init; }
    public long ReservedTokens { get; init; }
    public string? BudgetKey { get; init; }
    public long ReservedMoney { get; init; }

    /// <summary>The 429 for a refused decision.</summary>
    public Refusal Refusal() => Refused switch
    {
        LimitKind.Requests => OpenAiErrors.RateLimited("Rate limit reached for requests per minute.", "rate_limit_exceeded", RetryAfter),
        LimitKind.Tokens => OpenAiErrors.RateLimited("Rate limit reached for tokens per minute.", "rate_limit_exceeded", RetryAfter),
        _ => OpenAiErrors.RateLimited("Monthly budget of this API key exhausted.", "insufficient_quota", RetryAfter),
    };

    /// <summary>Writes OpenAI's <c>x-ratelimit-*</c> headers for the limits the key has.</summary>
    public void WriteHeaders(IHeaderDictionary headers)
    {
        var reset = $"{Math.Ceiling(Reset.TotalSeconds)}s";
        if (RequestLimit is { } requests)
        {
            headers["x-ratelimit-limit-requests"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = RequestsRemaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = reset;
        }
        if (TokenLimit is { } tokens)
        {
            headers["x-ratelimit-limit-tokens"] = tokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = TokensRemaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = reset;
        }
    }
}
