using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>What the operator may change about publishing, from the AppHost's configuration (command line, environment).</summary>
/// <param name="MaxGpuUtilization">Largest Σ <c>--gpu-memory-utilization</c> on one GPU (<c>Fabric:Gpu:MaxUtilization</c>); null keeps models.yaml's.</param>
/// <param name="AllowUnpinnedRevisions">Publish engines whose revision is not a 40-hex commit (<c>Fabric:Publish:AllowUnpinnedRevisions</c>); default false.</param>
/// <param name="RouterConfigFile">The routing config the manifests embed; default <c>Config/router.yaml</c> under the AppHost.</param>
/// <param name="MonitoringDirectory">Prometheus and Grafana files copied into the monitoring component: <c>deploy/monitoring</c>.</param>
public sealed record PublishOptions(double? MaxGpuUtilization, bool AllowUnpinnedRevisions, string RouterConfigFile, string MonitoringDirectory)
{
    /// <summary>Configuration key of <see cref="MaxGpuUtilization"/>.</summary>
    public const string MaxGpuUtilizationKey = "Fabric:Gpu:MaxUtilization";
    /// <summary>Configuration key of <see cref="AllowUnpinnedRevisions"/>.</summary>
    public const string AllowUnpinnedRevisionsKey = "Fabric:Publish:AllowUnpinnedRevisions";

    /// <summary>Reads the options once, at model-building time.</summary>
    public static PublishOptions From(IDistributedApplicationBuilder builder)
    {
        var max = builder.Configuration[MaxGpuUtilizationKey];
        return new PublishOptions(
            max is null ? null : double.Parse(max, CultureInfo.InvariantCulture),
            builder.Configuration.GetValue<bool>(AllowUnpinnedRevisionsKey),
            Path.Combine(builder.AppHostDirectory, "Config", "router.yaml"),
            Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "deploy", "monitoring")));
    }
}
