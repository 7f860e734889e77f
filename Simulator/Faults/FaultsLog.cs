namespace HybridInference.Simulator.Faults;

internal static partial class FaultsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine conditions changed: {Settings}")]
    public static partial void Changed(ILogger logger, FaultSettings settings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine conditions cleared: {Settings}")]
    public static partial void Cleared(ILogger logger, FaultSettings settings);
}
