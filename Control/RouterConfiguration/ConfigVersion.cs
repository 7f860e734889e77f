namespace HybridInference.Control.RouterConfiguration;

/// <summary>One accepted router config, as the JSON the Router reads; versions only grow.</summary>
internal sealed class ConfigVersion
{
    public long Version { get; set; }
    /// <summary>The <c>RouterConfig</c> as contract JSON (jsonb).</summary>
    public required string Config { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public string? Comment { get; set; }
}
