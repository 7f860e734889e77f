using System.Globalization;

namespace HybridInference.Control.Bench;

/// <summary>
/// CPU time used so far by a process (Linux <c>/proc</c>), with or without its children, so a run can say which
/// process the two cores went to.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The process's own CPU time (all its threads).</summary>
    public static TimeSpan Of(int pid) => Ticks(pid, withChildren: false) is { } ticks ? FromTicks(ticks) : TimeSpan.Zero;

    /// <summary>
    /// CPU time of a server and every process it forked: the live children from <c>/proc</c>, the exited ones from the
    /// parent's <c>cutime</c>/<c>cstime</c> (PostgreSQL's backends and autovacuum workers come and go).
    /// </summary>
    public static TimeSpan OfTree(int pid)
    {
        var ticks = Ticks(pid, withChildren: true) ?? 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child) && Parent(child) == pid)
            {
                ticks += Ticks(child, withChildren: false) ?? 0;
            }
        }
        return FromTicks(ticks);
    }

    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static long? Ticks(int pid, bool withChildren) =>
        Fields(pid) is { } f ? Long(f[11]) + Long(f[12]) + (withChildren ? Long(f[13]) + Long(f[14]) : 0) : null;

    private static int? Parent(int pid) => Fields(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : null;

    // Fields after the command name, which may itself hold spaces and parentheses: [0] is state (field 3 of proc(5)).
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended while being read
        }
    }

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);
}
