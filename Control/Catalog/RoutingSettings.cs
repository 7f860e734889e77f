using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Catalog;

/// <summary>
/// The single row of routing settings that are not per model or route: <c>auto</c>'s defaults, the guard policy and the
/// response cache. Defaults are <see cref="GuardPolicy"/>'s and <see cref="ResponseCacheConfig"/>'s.
/// </summary>
internal sealed class RoutingSettings
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public string DefaultRoute { get; set; } = "chat-fast";
    public int ClassifierTimeoutMs { get; set; } = 50;
    public double? JailbreakThreshold { get; set; }
    public JailbreakAction JailbreakAction { get; set; }
    public PiiAction PiiAction { get; set; }
    public GuardMode GuardMode { get; set; }
    public ClassifierUnavailablePolicy OnClassifierUnavailable { get; set; }
    public bool CacheEnabled { get; set; } = true;
    public int CacheTtlSeconds { get; set; } = 300;
    public int CacheMaxEntries { get; set; } = 10_000;
    public int CacheMaxEntryBytes { get; set; } = 1 << 20;
    /// <summary>Per cache hit; usage ingestion prices hits with it.</summary>
    public decimal CacheHitPrice { get; set; }
}
