using HybridInference.Contracts.Configuration;
using HybridInference.Dashboard.Fabric;

namespace HybridInference.Dashboard.Models;

/// <summary>The editable fields of a role or alias; the policies' empty choice takes the config's default.</summary>
public sealed class RouteForm
{
    public required string Name { get; init; }
    /// <summary>Catalog model ids, comma-separated, tried in order.</summary>
    public string? Candidates { get; set; }
    public string Locality { get; set; } = "";
    public string Guard { get; set; } = "";
    public string OnClassifierUnavailable { get; set; } = "";

    public static RouteForm From(RouteConfig route) => new()
    {
        Name = route.Name,
        Candidates = string.Join(", ", route.Candidates),
        Locality = WireEnum.Name(route.Locality),
        Guard = WireEnum.Name(route.Guard),
        OnClassifierUnavailable = WireEnum.Name(route.OnClassifierUnavailable),
    };

    public RouteRequest ToRequest() => new(ModelForm.List(Candidates), WireEnum.Parse<BackendLocality>(Locality),
        WireEnum.Parse<GuardMode>(Guard), WireEnum.Parse<ClassifierUnavailablePolicy>(OnClassifierUnavailable));
}
