using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.RouterConfiguration;

/// <summary>Lengths the database columns hold, checked before a config is accepted so over-long input is a 400, not a 500.</summary>
internal static class ConfigLimits
{
    public const int ModelId = 200;
    public const int BackendName = 100;
    public const int Url = 2000;
    public const int ShortText = 200;

    public static IEnumerable<string> Check(RouterConfig config)
    {
        foreach (var b in config.Backends)
        {
            if (b.Name.Length > BackendName || b.Url.Length > Url || b.Kind.Length > 32 || b.ApiKeySecret?.Length > ShortText)
            {
                yield return $"backend '{Cut(b.Name)}': name (max {BackendName}), url (max {Url}), kind (max 32) or api_key_secret (max {ShortText}) too long";
            }
        }
        foreach (var m in config.Models)
        {
            if (m.Id.Length > ModelId || m.Name?.Length > ShortText || m.HuggingFaceId?.Length > ShortText || m.Kind.Length > 32
                || m.Features.Any(f => f.Length > ShortText) || m.Targets.Any(t => t.UpstreamModel?.Length > ShortText))
            {
                yield return $"model '{Cut(m.Id)}': id, name, hugging_face_id or upstream_model over {ShortText} characters, or kind over 32";
            }
        }
        foreach (var r in config.Routes.Where(r => r.Name.Length > ModelId))
        {
            yield return $"route '{Cut(r.Name)}': name over {ModelId} characters";
        }
        foreach (var (domain, target) in config.Auto.Domains.Where(d => d.Key.Length > BackendName || d.Value.Length > ModelId))
        {
            yield return $"auto: domain '{Cut(domain)}' or its target '{Cut(target)}' too long";
        }
    }

    private static string Cut(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
