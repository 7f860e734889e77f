using System.Globalization;

namespace HybridInference.Bench;

/// <summary>
/// CPU time (user + system) used so far by a process, from Linux <c>/proc</c>: its own, or with every process it forked
/// (nginx workers, PostgreSQL backends), so a run can say which process the two cores went to. Linked into each bench.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The process's own CPU time (all its threads).</summary>
    public static TimeSpan Of(int pid) => FromTicks(Read(pid) is { } stat ? stat.Own : 0);

    /// <summary>
    /// CPU time of a process and its descendants: the live ones from <c>/proc</c>, the exited ones from their parents'
    /// <c>cutime</c>/<c>cstime</c> (backends and workers come and go).
    /// </summary>
    public static TimeSpan OfTree(int rootPid)
    {
        var stats = new Dictionary<int, Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                stats[pid] = stat;
            }
        }
        long ticks = 0;
        var pending = new Stack<int>([rootPid]);
        while (pending.TryPop(out var pid))
        {
            if (!stats.TryGetValue(pid, out var own))
            {
                continue;
            }
            ticks += own.Own + own.ExitedChildren;
            foreach (var (child, stat) in stats)
            {
                if (stat.Parent == pid)
                {
                    pending.Push(child);
                }
            }
        }
        return FromTicks(ticks);
    }

    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private readonly record struct Stat(int Parent, long Own, long ExitedChildren);

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // the process ended while being read
        }
        // The command name is in parentheses and may hold spaces: fields[0] is field 3 of proc(5) (state), so ppid is
        // fields[1], utime/stime fields[11]/[12], cutime/cstime fields[13]/[14].
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new Stat(int.Parse(fields[1], CultureInfo.InvariantCulture), Long(fields[11]) + Long(fields[12]), Long(fields[13]) + Long(fields[14]));
    }

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);
}
