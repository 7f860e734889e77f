namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>Waits for a condition by polling (never a fixed sleep), failing after a generous limit.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 20) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutSeconds);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
            await Task.Yield();
            await Task.Delay(10);
        }
    }
}
