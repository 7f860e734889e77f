namespace Microsoft.Extensions.Hosting;

/// <summary>Names shared by the services' own meters and activity sources.</summary>
public static class HybridTelemetry
{
    /// <summary>Every service names its meter and activity source <c>HybridInference.&lt;Service&gt;</c>.</summary>
    public const string MeterPrefix = "HybridInference.";
}
