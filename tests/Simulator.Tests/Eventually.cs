namespace HybridInference.Simulator.Tests;

/// <summary>Waits for a condition to become true (polling it), failing after a generous deadline.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested || !await ticks.WaitForNextTickAsync(CancellationToken.None))
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }
}
