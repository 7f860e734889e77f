namespace HybridInference.Router.Targets;

/// <summary>
/// How backends are probed, judged (circuits) and filled (spill-over), bound from the <c>Router</c> configuration section
/// like <c>RouterOptions</c>: the same keys, owned by the feature that reads them.
/// </summary>
public sealed record TargetOptions
{
    /// <summary>Configuration section name, shared with the Router's other options.</summary>
    public const string Section = "Router";

    /// <summary>How often backends are probed (health and engine metrics), in seconds; default 5, 0 turns probes off.</summary>
    public double ProbeIntervalSeconds { get; set; } = 5;

    /// <summary>Consecutive failures that open a backend's circuit; default 3.</summary>
    public int CircuitFailureThreshold { get; set; } = 3;

    /// <summary>How long an open circuit stays open before one trial request is let through, in seconds; default 10.</summary>
    public double CircuitOpenSeconds { get; set; } = 10;

    /// <summary>Engine queue length (vLLM <c>num_requests_waiting</c>) at which a local backend counts as full; default 8.</summary>
    public double SpilloverWaitingRequests { get; set; } = 8;

    /// <summary>Engine KV-cache usage (0..1) at which a local backend counts as full; default 0.95.</summary>
    public double SpilloverKvCacheUsage { get; set; } = 0.95;

    /// <summary>
    /// Engine's mean time to first token over the last scrape interval (seconds) at which a local backend counts as
    /// full: its queue is growing faster than the other two signals show; default 2.
    /// </summary>
    public double SpilloverTimeToFirstTokenSeconds { get; set; } = 2;
}
