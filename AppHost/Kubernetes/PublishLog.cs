using Microsoft.Extensions.Logging;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>What the publish steps tell the operator.</summary>
internal static partial class PublishLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "GPU plan\n{Plan}")]
    public static partial void Plan(ILogger logger, string plan);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes manifests written to {Output} ({Files} files); apply one target with: kubectl apply -k {Output}/overlays/<appliance-full|appliance-slim|cluster>")]
    public static partial void Written(ILogger logger, string output, int files);
}
