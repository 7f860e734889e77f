using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Catalog;

/// <summary>A model server or remote API, as in <see cref="BackendConfig"/>.</summary>
internal sealed class CatalogBackend
{
    public required string Name { get; set; }
    public required string Url { get; set; }
    public string Kind { get; set; } = "vllm";
    public BackendLocality Locality { get; set; }
    public string? ApiKeySecret { get; set; }
    public int MaxConcurrency { get; set; }
    public int Weight { get; set; }
    public bool SupportsContinuation { get; set; }
    public int Position { get; set; }
}
