using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Catalog;

/// <summary>A catalog model with its OpenRouter-style metadata; prices live in <see cref="ModelPrice"/> rows.</summary>
internal sealed class CatalogModel
{
    public required string Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? HuggingFaceId { get; set; }
    public int ContextLength { get; set; }
    public int MaxOutputLength { get; set; }
    public string Kind { get; set; } = "chat";
    public string? Quantization { get; set; }
    public List<string> InputModalities { get; set; } = [];
    public List<string> OutputModalities { get; set; } = [];
    public List<string> SupportedParameters { get; set; } = [];
    public List<string> Features { get; set; } = [];
    /// <summary><c>Local</c>: never served remotely; null: any target.</summary>
    public BackendLocality? Locality { get; set; }
    /// <summary>ISO 3166 country codes of the datacenters serving the model.</summary>
    public List<string> Datacenters { get; set; } = [];
    /// <summary>The model's targets as JSON (<c>[{"backend":…,"upstream_model":…}]</c>), in order.</summary>
    public string Targets { get; set; } = "[]";
    /// <summary>Order in the catalog.</summary>
    public int Position { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
