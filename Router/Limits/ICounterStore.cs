namespace HybridInference.Router.Limits;

/// <summary>Windowed counters shared by every Router replica (Redis) or kept in this process.</summary>
internal interface ICounterStore
{
    /// <summary>
    /// Atomically adds <paramref name="amount"/> to the counter unless that takes it above <paramref name="limit"/>.
    /// A missing counter starts at <paramref name="seed"/> and lives for <paramref name="ttl"/>.
    /// </summary>
    /// <returns>Whether the amount was added, and the counter's value afterwards (before, when refused).</returns>
    ValueTask<(bool Added, long Value)> TryAddAsync(string key, long amount, long limit, TimeSpan ttl, long seed = 0);

    /// <summary>Adds without a limit (settling a reservation; negative amounts give back).</summary>
    ValueTask AddAsync(string key, long amount, TimeSpan ttl);

    /// <summary>
    /// Takes up to <paramref name="want"/> tokens from a token bucket that refills at <paramref name="perSecond"/> up to
    /// <paramref name="burst"/> (a missing bucket starts full).
    /// </summary>
    /// <returns>The tokens taken; when none, how long until one is free.</returns>
    ValueTask<(long Taken, TimeSpan RetryAfter)> TakeAsync(string bucket, long want, double perSecond, long burst);
}
