using System.Globalization;

namespace HybridInference.Bench.Load;

/// <summary>CPU time (user + system) of a process and all its descendants, from <c>/proc</c>.</summary>
internal static class ProcessCpu
{
    // USER_HZ is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan Read(int rootPid)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && TryReadStat(pid, out var stat))
            {
                stats[pid] = stat;
            }
        }

        long ticks = 0;
        var pending = new Stack<int>();
        pending.Push(rootPid);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!stats.TryGetValue(pid, out var own))
            {
                continue;
            }
            ticks += own.Ticks;
            foreach (var (child, stat) in stats)
            {
                if (stat.Parent == pid)
                {
                    pending.Push(child);
                }
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static bool TryReadStat(int pid, out (int Parent, long Ticks) stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false; // the process ended while we looked
        }
        // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
        stat = (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        return true;
    }
}
