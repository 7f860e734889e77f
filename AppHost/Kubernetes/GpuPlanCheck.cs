using HybridInference.AppHost.GpuPlanning;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>The GPU plan of the published engines, and the refusal to publish one that does not fit.</summary>
public static class GpuPlanCheck
{
    /// <summary>Plans every engine of <paramref name="fabric"/> on the one GPU they share.</summary>
    public static GpuPlan PlanFor(PublishedFabric fabric, GpuSpec gpu, PublishOptions options)
    {
        var limited = options.MaxGpuUtilization is { } max
            ? new GpuSpec { Name = gpu.Name, MemoryMib = gpu.MemoryMib, OverheadMib = gpu.OverheadMib, MaxUtilization = max }
            : gpu;
        return VramPlanner.Plan(limited, fabric.Engines.Select(e => (e.Name, e.Model)));
    }

    /// <summary>Throws, with the table and every problem, when the plan does not fit.</summary>
    public static void EnsureFits(GpuPlan plan)
    {
        var problems = plan.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The GPU plan does not fit, nothing was published:\n{plan.ToTable()}- {string.Join("\n- ", problems)}\n" +
                $"Lower --max-model-len, --max-num-seqs or use --kv-cache-dtype fp8 in {ModelCatalog.RelativePath}, " +
                $"set gpu_memory_utilization to what the plan needs, or raise {PublishOptions.MaxGpuUtilizationKey}.");
        }
    }
}
