namespace HybridInference.Bench.Load;

/// <summary>A process's peak resident set (<c>VmHWM</c> in <c>/proc/PID/status</c>): the most memory it held at once.</summary>
internal static class PeakRss
{
    public static double? MiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    // "VmHWM:   123456 kB"
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kilobytes / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }
        return null;
    }
}
