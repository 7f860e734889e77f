namespace HybridInference.Router.Configuration;

/// <summary>The Router's own settings, bound from the <c>Router</c> configuration section.</summary>
public sealed record RouterOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Router";

    /// <summary>
    /// Where routing config comes from: <c>control</c> (polled from Control; the default when <c>services:control</c> is
    /// configured) or <c>file</c> (<see cref="ConfigFile"/> only).
    /// </summary>
    public string? ConfigSource { get; set; }

    /// <summary>YAML routing config: the config in file mode, the bootstrap config in control mode until Control answers.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>How often Control is polled for a new config version, in seconds; default 15. Redis notices trigger a poll at once.</summary>
    public int ConfigPollSeconds { get; set; } = 15;

    /// <summary>Bearer token for Control's internal API.</summary>
    public string? InternalToken { get; set; }

    /// <summary>Bearer token for the Router's admin endpoints (<c>/v1/routing/recent</c>); admin endpoints answer 401 when unset.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// A key accepted for every model without asking Control (customer <c>dev</c>, key id <c>dev</c>, no limits):
    /// the slim mode's and the AppHost's out-of-the-box key.
    /// </summary>
    public string? DevKey { get; set; }

    /// <summary>Largest request body accepted, in bytes; default 4 MiB. Larger bodies get 413.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Requests per second admitted by the edge limit across all keys and replicas (shared through Redis when configured);
    /// default 100, 0 turns the edge limit off.
    /// </summary>
    public double EdgeRequestsPerSecond { get; set; } = 100;

    /// <summary>Burst admitted by the edge limit above the steady rate; default 200.</summary>
    public int EdgeBurst { get; set; } = 200;

    /// <summary>Folder of the on-disk usage spool; default <c>.hybrid/spool/router</c> under the content root.</summary>
    public string? UsageSpoolDirectory { get; set; }

    /// <summary>Largest size of the usage spool in bytes; default 256 MiB. Records beyond it are dropped and counted.</summary>
    public long UsageSpoolMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most usage records shipped to Control in one batch; default 500.</summary>
    public int UsageBatchSize { get; set; } = 500;

    /// <summary>How long a partly filled usage batch waits before it is shipped, in milliseconds; default 1000.</summary>
    public int UsageFlushMilliseconds { get; set; } = 1000;

    /// <summary>How often spooled usage is offered to Control again while no live batch gets through; default 5 s.</summary>
    public double UsageSpoolRetrySeconds { get; set; } = 5;

    /// <summary>Idle time allowed on an upstream request before it counts as timed out, in seconds; default 100.</summary>
    public double UpstreamTimeoutSeconds { get; set; } = 100;

    /// <summary>Recent routing decisions kept for <c>/v1/routing/recent</c>; default 200.</summary>
    public int RecentDecisions { get; set; } = 200;

    /// <summary>Classification results cached by prompt hash; default 10000 entries.</summary>
    public int ClassificationCacheEntries { get; set; } = 10_000;
}
