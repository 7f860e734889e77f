using System.Diagnostics;

namespace HybridInference.Classifier.Bench;

/// <summary>
/// Untimed load before a measurement: .NET compiles hot code again and again (tier 0, instrumented, then optimised
/// with what PGO saw) over tens of seconds, so a few hundred warm-up calls would time code that is not yet final.
/// </summary>
internal static class SteadyState
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    /// <summary>Runs each step in turn until <see cref="Duration"/> has passed.</summary>
    public static async Task ReachAsync(params Func<Task>[] steps)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Duration)
        {
            foreach (var step in steps)
            {
                await step();
            }
        }
    }
}
