namespace HybridInference.Dashboard.Tests.Infrastructure;

/// <summary>Waits for a condition by asking again (never a fixed sleep), failing after a generous limit.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int timeoutSeconds = 60) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
            await timer.WaitForNextTickAsync();
        }
    }
}
