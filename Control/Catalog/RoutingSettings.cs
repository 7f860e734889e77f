using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Catalog;

/// <summary>The single row of routing settings that are not per model or route: <c>auto</c>'s defaults and the guard policy.</summary>
internal sealed class RoutingSettings
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public string DefaultRoute { get; set; } = "chat-fast";
    public int ClassifierTimeoutMs { get; set; } = 50;
    public double? JailbreakThreshold { get; set; }
    public JailbreakAction JailbreakAction { get; set; }
    public PiiAction PiiAction { get; set; }
}
