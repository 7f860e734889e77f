using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using HybridInference.Contracts.Configuration;
using HybridInference.Control.Database;
using HybridInference.Control.RouterConfiguration;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using static HybridInference.Control.RouterConfiguration.ConfigApi;

namespace HybridInference.Control.Catalog;

/// <summary>
/// Imports a KubeAI <c>Model</c> manifest: the catalog id is <c>metadata.name</c> (the name KubeAI serves it under),
/// the metadata and prices come from the <c>openrouter.ai/json</c> annotation (OpenRouter's provider listing format).
/// </summary>
internal static class KubeAiModelImport
{
    public const string Annotation = "openrouter.ai/json";
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    /// <summary><c>POST /v1/admin/models/import?backend=&lt;name&gt;</c> with the manifest (YAML or JSON) as body.</summary>
    public static async Task<Results<Ok<ConfigVersionSummary>, ValidationProblem>> ImportAsync(
        HttpRequest request, string? backend, ControlDb db, RouterConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var manifest = await reader.ReadToEndAsync(cancellationToken);
        CatalogModelRequest model;
        try
        {
            model = Parse(manifest);
        }
        catch (Exception ex) when (ex is YamlException or JsonException or FormatException or InvalidDataException)
        {
            return TypedResults.ValidationProblem(FieldErrors.One("manifest", ex.Message));
        }
        var current = await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), cancellationToken);
        var existing = current.Models.FirstOrDefault(m => m.Id == model.Id);
        var targets = backend is not null
            ? [new ModelTarget { Backend = backend, UpstreamModel = model.Id }]
            : existing?.Targets;
        if (targets is null)
        {
            return TypedResults.ValidationProblem(FieldErrors.One("backend", "name the backend serving this new model (?backend=...)"));
        }
        // A manifest says nothing about locality: a model the operator marked local stays local when re-imported.
        return await CatalogApi.PutModelAsync(model.Id!, model with { Targets = targets, Locality = existing?.Locality }, db, store, time, user, cancellationToken);
    }

    public static CatalogModelRequest Parse(string manifest)
    {
        var root = Yaml.Deserialize<Dictionary<object, object?>>(manifest) ?? throw new InvalidDataException("empty manifest");
        if (root.GetValueOrDefault("kind") as string != "Model")
        {
            throw new InvalidDataException("not a KubeAI Model manifest (kind: Model)");
        }
        var metadata = root.GetValueOrDefault("metadata") as Dictionary<object, object?> ?? throw new InvalidDataException("metadata is missing");
        var name = metadata.GetValueOrDefault("name") as string ?? throw new InvalidDataException("metadata.name is missing");
        var annotations = metadata.GetValueOrDefault("annotations") as Dictionary<object, object?>;
        var json = annotations?.GetValueOrDefault(Annotation) as string ?? throw new InvalidDataException($"annotation {Annotation} is missing");
        var spec = root.GetValueOrDefault("spec") as Dictionary<object, object?>;
        var features = (spec?.GetValueOrDefault("features") as List<object?>)?.OfType<string>().ToList() ?? [];

        using var document = JsonDocument.Parse(json);
        var o = document.RootElement;
        var pricing = o.TryGetProperty("pricing", out var p) ? p : default;
        var huggingFace = Text(o, "hugging_face_id")
            ?? (spec?.GetValueOrDefault("url") as string is { } url && url.StartsWith("hf://", StringComparison.Ordinal) ? url[5..] : null);
        var embedding = features.Contains("TextEmbedding");
        return new CatalogModelRequest
        {
            Id = name,
            Name = Text(o, "name"),
            Description = Text(o, "description"),
            HuggingFaceId = huggingFace,
            ContextLength = Number(o, "context_length") ?? 8192,
            MaxOutputLength = Number(o, "max_output_length") ?? (embedding ? 1 : 4096),
            Kind = embedding ? "embedding" : "chat",
            Quantization = Text(o, "quantization"),
            InputModalities = Strings(o, "input_modalities") ?? ["text"],
            OutputModalities = Strings(o, "output_modalities") ?? [embedding ? "embeddings" : "text"],
            SupportedParameters = Strings(o, "supported_sampling_parameters") ?? Strings(o, "supported_parameters") ?? [],
            Features = Strings(o, "supported_features") ?? [],
            Datacenters = o.TryGetProperty("datacenters", out var dcs) && dcs.ValueKind == JsonValueKind.Array
                ? [.. dcs.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() : Text(d, "country_code")).OfType<string>()]
                : [],
            Pricing = new ModelPricing
            {
                Prompt = Price(pricing, "prompt"),
                Completion = Price(pricing, "completion"),
                Request = Price(pricing, "request"),
                Image = Price(pricing, "image"),
                InputCacheRead = Price(pricing, "input_cache_read"),
                InputCacheWrite = Price(pricing, "input_cache_write"),
            },
        };
    }

    private static string? Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Number(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static List<string>? Strings(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(e => e.GetString()).OfType<string>()] : null;

    // OpenRouter writes prices as decimal strings (so no precision is lost in floats); numbers are accepted too.
    private static decimal Price(JsonElement pricing, string name) =>
        pricing.ValueKind == JsonValueKind.Object && pricing.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? decimal.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : v.GetDecimal()
            : 0m;
}
