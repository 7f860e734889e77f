using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Configuration;
using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// The engines as KubeAI <c>Model</c> resources for the cluster, each annotated with its catalog entry in
/// OpenRouter's listing format (<c>openrouter.ai/json</c>), which Control's model import reads.
/// </summary>
public static class KubeAiModels
{
    /// <summary>The catalog annotation.</summary>
    public const string Annotation = "openrouter.ai/json";
    /// <summary>KubeAI limits model names to this many characters.</summary>
    public const int MaxNameLength = 40;
    /// <summary>The GPU profile each model asks for (a profile of KubeAI's Helm values).</summary>
    public const string ResourceProfile = "nvidia-gpu-l40s:1";
    /// <summary>KubeAI's OpenAI-compatible endpoint as the Router's backend URL.</summary>
    public const string Endpoint = "http://kubeai.kubeai.svc/openai";

    // KubeAI passes the model and its served name itself.
    private static readonly HashSet<string> KubeAiOwnedFlags = ["--model", "--served-model-name"];

    /// <summary>The Model of <paramref name="engine"/>, with <paramref name="catalog"/>'s entry as annotation.</summary>
    public static KubeAiModel For(PublishedEngine engine, RouterConfig catalog)
    {
        var id = engine.Model.Id;
        if (id.Length > MaxNameLength)
        {
            throw new InvalidOperationException($"KubeAI model names are at most {MaxNameLength} characters: '{id}' has {id.Length}");
        }
        var entry = catalog.Models.FirstOrDefault(m => m.Id == id)
            ?? throw new InvalidOperationException($"router.yaml has no catalog entry for engine {engine.Name}'s model '{id}'");
        var embedding = entry.Kind == "embedding";
        return new KubeAiModel
        {
            Metadata = new V1ObjectMeta
            {
                Name = id,
                Labels = ObjectMeta.Labels(id, "model"),
                Annotations = ObjectMeta.Map((Annotation, Listing(entry, engine))),
            },
            Spec = new KubeAiModelSpec
            {
                Url = "hf://" + engine.Model.HuggingFaceId,
                Features = [embedding ? "TextEmbedding" : "TextGeneration"],
                Args = [.. EngineFlags(engine.Args)],
                ResourceProfile = ResourceProfile,
                MinReplicas = 1,
                MaxReplicas = 3,
            },
        };
    }

    // "--flag value" pairs of the engine's command line, less those KubeAI owns, as "--flag=value".
    private static IEnumerable<string> EngineFlags(IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!KubeAiOwnedFlags.Contains(args[i]))
            {
                yield return $"{args[i]}={args[i + 1]}";
            }
        }
    }

    /// <summary>The catalog entry as OpenRouter lists a model: prices as decimal strings, context as served.</summary>
    public static string Listing(ModelConfig entry, PublishedEngine engine)
    {
        static string Price(decimal value) => value.ToString(CultureInfo.InvariantCulture);
        var embedding = entry.Kind == "embedding";
        var listing = new JsonObject
        {
            ["id"] = entry.Id,
            ["name"] = entry.Name ?? entry.Id,
            ["hugging_face_id"] = engine.Model.HuggingFaceId,
            ["context_length"] = Math.Min(entry.ContextLength, engine.Model.MaxModelLen),
            ["max_output_length"] = Math.Min(entry.MaxOutputLength, engine.Model.MaxModelLen),
            ["quantization"] = engine.Model.Dtype switch { "bfloat16" => "bf16", "float16" => "fp16", var other => other },
            ["input_modalities"] = new JsonArray("text"),
            ["output_modalities"] = new JsonArray(embedding ? "embeddings" : "text"),
            ["supported_features"] = new JsonArray([.. entry.Features.Select(f => (JsonNode)f)]),
            ["pricing"] = new JsonObject
            {
                ["prompt"] = Price(entry.Pricing.Prompt),
                ["completion"] = Price(entry.Pricing.Completion),
                ["request"] = Price(entry.Pricing.Request),
                ["image"] = Price(entry.Pricing.Image),
                ["input_cache_read"] = Price(entry.Pricing.InputCacheRead),
                ["input_cache_write"] = Price(entry.Pricing.InputCacheWrite),
            },
        };
        return listing.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>
    /// The routing config for the cluster: the engines' backends become one backend, KubeAI's endpoint, and
    /// targets on them point there under the KubeAI model name; targets for models KubeAI does not serve are dropped.
    /// </summary>
    public static RouterConfig RetargetToKubeAi(RouterConfig config, IReadOnlyList<PublishedEngine> engines)
    {
        var engineBackends = engines.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var served = engines.ToDictionary(e => e.Name, e => e.Model.Id, StringComparer.Ordinal);
        var kubeAi = new BackendConfig
        {
            Name = "kubeai",
            Url = Endpoint,
            Kind = "kubeai",
            Locality = BackendLocality.Local,
            MaxConcurrency = config.Backends.Where(b => engineBackends.Contains(b.Name)).Sum(b => b.MaxConcurrency),
        };
        var models = config.Models.Select(m => m with
        {
            Targets = [.. m.Targets
                .Where(t => !engineBackends.Contains(t.Backend) || (t.UpstreamModel ?? m.Id) == served[t.Backend])
                .Select(t => engineBackends.Contains(t.Backend) ? new ModelTarget { Backend = kubeAi.Name, UpstreamModel = served[t.Backend] } : t)],
        }).ToList();
        // A local route whose models KubeAI does not serve (the stand-ins' extra embedding model) would have nowhere
        // local to go: the cluster leaves it out rather than publish a config the Router refuses.
        var servedLocally = models.Where(m => m.Targets.Any(t => t.Backend == kubeAi.Name)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return config with
        {
            Backends = [.. config.Backends.Where(b => !engineBackends.Contains(b.Name)).Prepend(kubeAi)],
            Models = models,
            Routes = [.. config.Routes.Where(r => !RouterConfigValidator.IsLocalRoute(r) || r.Candidates.Any(servedLocally.Contains))],
        };
    }
}
