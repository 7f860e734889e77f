using System.Globalization;
using System.Text;

namespace HybridInference.AppHost.GpuPlanning;

/// <summary>Engines sharing one GPU, what each needs and what each asks for; printable as a table.</summary>
public sealed record GpuPlan(GpuSpec Gpu, IReadOnlyList<EngineNeed> Engines)
{
    /// <summary>Σ of the utilizations the engines ask for (their <c>--gpu-memory-utilization</c>).</summary>
    public double DeclaredUtilization => Math.Round(Engines.Sum(e => e.Model.GpuMemoryUtilization), 6);

    /// <summary>Every reason the plan does not fit, empty when it does.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var engine in Engines.Where(e => e.Model.GpuMemoryUtilization < e.RequiredUtilization))
        {
            problems.Add($"{engine.Engine} asks for --gpu-memory-utilization {VramPlanner.Fraction(engine.Model.GpuMemoryUtilization)} " +
                $"but needs {VramPlanner.Fraction(engine.RequiredUtilization)}");
        }
        if (DeclaredUtilization > Gpu.MaxUtilization)
        {
            problems.Add($"engines on {Gpu.Name} ask for {VramPlanner.Fraction(DeclaredUtilization)} of it together, " +
                $"more than the allowed {VramPlanner.Fraction(Gpu.MaxUtilization)}");
        }
        return problems;
    }

    /// <summary>The plan as a fixed-width table, one engine a row and a total row.</summary>
    public string ToTable()
    {
        static string GiB(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"GPU {Gpu.Name}: {Gpu.MemoryMib} MiB, engines may ask for {VramPlanner.Fraction(Gpu.MaxUtilization)} together");
        table.AppendLine(CultureInfo.InvariantCulture, $"{"engine",-14} {"model",-28} {"KiB/token",9} {"weights",8} {"KV cache",8} {"overhead",8} {"total",8} {"needs",6} {"asks",6}");
        foreach (var e in Engines)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{e.Engine,-14} {e.Model.Id,-28} {VramPlanner.KvBytesPerToken(e.Model) / 1024,9} {GiB(e.WeightBytes),8} {GiB(e.KvCacheBytes),8} " +
                $"{GiB(e.OverheadBytes),8} {GiB(e.TotalBytes),8} {VramPlanner.Fraction(e.RequiredUtilization),6} {VramPlanner.Fraction(e.Model.GpuMemoryUtilization),6}");
        }
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{"total",-14} {"",-28} {"",9} {"",8} {"",8} {"",8} {GiB(Engines.Sum(e => e.TotalBytes)),8} " +
            $"{VramPlanner.Fraction(Engines.Sum(e => e.RequiredUtilization)),6} {VramPlanner.Fraction(DeclaredUtilization),6}");
        return table.ToString();
    }
}
