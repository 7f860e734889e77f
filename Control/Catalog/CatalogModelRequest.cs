using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Catalog;

/// <summary>
/// A catalog model with OpenRouter-style metadata, as the admin API reads and writes it. The routing part becomes a
/// <see cref="ModelConfig"/>; the rest (modalities, parameters, quantization, datacenters) is listing metadata.
/// </summary>
internal sealed record CatalogModelRequest
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? HuggingFaceId { get; init; }
    public int ContextLength { get; init; } = 8192;
    public int MaxOutputLength { get; init; } = 4096;
    /// <summary><c>chat</c>, <c>completion</c> or <c>embedding</c>.</summary>
    public string Kind { get; init; } = "chat";
    /// <summary>E.g. <c>fp8</c>, <c>bf16</c>, <c>int4</c>.</summary>
    public string? Quantization { get; init; }
    public IReadOnlyList<string> InputModalities { get; init; } = ["text"];
    public IReadOnlyList<string> OutputModalities { get; init; } = ["text"];
    /// <summary>Sampling parameters the model honours, e.g. <c>temperature</c>, <c>top_p</c>.</summary>
    public IReadOnlyList<string> SupportedParameters { get; init; } = [];
    /// <summary>Features such as <c>tools</c>, <c>json_mode</c>.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];
    /// <summary>ISO 3166 country codes of the datacenters serving the model.</summary>
    public IReadOnlyList<string> Datacenters { get; init; } = [];
    public ModelPricing Pricing { get; init; } = new();
    /// <summary><c>local</c>: never served by a remote backend; null: any target.</summary>
    public BackendLocality? Locality { get; init; }
    public IReadOnlyList<ModelTarget> Targets { get; init; } = [];

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("id", Id, 200).Length("name", Name, 200).Length("description", Description, 4000)
            .Length("hugging_face_id", HuggingFaceId, 200).Required("kind", Kind, 32).Length("quantization", Quantization, 32)
            .Each("input_modalities", InputModalities, 32).Each("output_modalities", OutputModalities, 32)
            .Each("supported_parameters", SupportedParameters, 100).Each("features", Features, 200).Each("datacenters", Datacenters, 8);
        if (Targets.Any(t => string.IsNullOrWhiteSpace(t.Backend)))
        {
            errors.Add("targets", "every target names a backend");
        }
        return errors;
    }

    public ModelConfig ToModelConfig() => new()
    {
        Id = Id!, Name = Name, HuggingFaceId = HuggingFaceId, ContextLength = ContextLength, MaxOutputLength = MaxOutputLength,
        Kind = Kind, Pricing = Pricing, Features = Features, Locality = Locality, Targets = Targets,
    };

    /// <summary>Copies the listing metadata onto the stored row.</summary>
    public void ApplyMetadata(CatalogModel row)
    {
        row.Description = Description;
        row.Quantization = Quantization;
        row.InputModalities = [.. InputModalities];
        row.OutputModalities = [.. OutputModalities];
        row.SupportedParameters = [.. SupportedParameters];
        row.Datacenters = [.. Datacenters];
    }

    public static CatalogModelRequest From(CatalogModel row, ModelConfig config) => new()
    {
        Id = row.Id, Name = config.Name, Description = row.Description, HuggingFaceId = config.HuggingFaceId,
        ContextLength = config.ContextLength, MaxOutputLength = config.MaxOutputLength, Kind = config.Kind,
        Quantization = row.Quantization, InputModalities = row.InputModalities, OutputModalities = row.OutputModalities,
        SupportedParameters = row.SupportedParameters, Features = config.Features, Datacenters = row.Datacenters,
        Pricing = config.Pricing, Locality = config.Locality, Targets = config.Targets,
    };
}
