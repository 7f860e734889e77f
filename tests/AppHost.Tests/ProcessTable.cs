namespace HybridInference.AppHost.Tests;

/// <summary>Reads the process table from /proc, to prove that nothing a test started outlives it.</summary>
internal static class ProcessTable
{
    /// <summary>Ids of live processes with <paramref name="argument"/> somewhere in their command line.</summary>
    public static IReadOnlyList<int> WithArgument(string argument)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var commandLine = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(argument, StringComparison.Ordinal) && !IsZombie(directory))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    /// <summary>Waits until no process carries <paramref name="argument"/>, or the deadline passes; returns what is left.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(string argument, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var left = WithArgument(argument);
        while (left.Count > 0 && !timeout.IsCancellationRequested)
        {
            try
            {
                await poll.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            left = WithArgument(argument);
        }
        return left;
    }

    private static bool IsZombie(string directory)
    {
        var stat = File.ReadAllText(System.IO.Path.Combine(directory, "stat"));
        // The state follows the parenthesised command name: "pid (comm) S ...".
        var state = stat[(stat.LastIndexOf(')') + 2)..];
        return state.StartsWith('Z');
    }
}
