using HybridInference.Contracts.Configuration;
using HybridInference.Dashboard.Fabric;

namespace HybridInference.Dashboard.Models;

/// <summary>The editable fields of a catalog model; prices per million tokens, as operators quote them.</summary>
public sealed class ModelForm
{
    private const decimal Million = 1_000_000m;

    public required CatalogModelView Original { get; init; }
    public string? Name { get; set; }
    public int ContextLength { get; set; }
    public int MaxOutputLength { get; set; }
    public decimal PromptPerMillion { get; set; }
    public decimal CompletionPerMillion { get; set; }
    public string? Quantization { get; set; }
    /// <summary>Comma-separated, e.g. <c>text, image</c>.</summary>
    public string? InputModalities { get; set; }
    /// <summary>Comma-separated, e.g. <c>tools, json_mode</c>.</summary>
    public string? Features { get; set; }
    /// <summary><c>local</c>, <c>remote</c>, or empty for any target.</summary>
    public string Locality { get; set; } = "";

    public static ModelForm From(CatalogModelView model) => new()
    {
        Original = model,
        Name = model.Name,
        ContextLength = model.ContextLength,
        MaxOutputLength = model.MaxOutputLength,
        PromptPerMillion = model.Pricing.Prompt * Million,
        CompletionPerMillion = model.Pricing.Completion * Million,
        Quantization = model.Quantization,
        InputModalities = string.Join(", ", model.InputModalities),
        Features = string.Join(", ", model.Features),
        Locality = WireEnum.Name(model.Locality),
    };

    /// <summary>The model as saved: what the form holds over everything else it had.</summary>
    public CatalogModelView ToModel() => Original with
    {
        Name = Name,
        ContextLength = ContextLength,
        MaxOutputLength = MaxOutputLength,
        Pricing = Original.Pricing with { Prompt = PromptPerMillion / Million, Completion = CompletionPerMillion / Million },
        Quantization = string.IsNullOrWhiteSpace(Quantization) ? null : Quantization.Trim(),
        InputModalities = List(InputModalities),
        Features = List(Features),
        Locality = WireEnum.Parse<BackendLocality>(Locality),
    };

    internal static string[] List(string? text) => (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
