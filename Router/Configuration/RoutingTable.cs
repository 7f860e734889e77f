using HybridInference.Contracts.Configuration;
using HybridInference.Router.Targets;

namespace HybridInference.Router.Configuration;

/// <summary>
/// A validated <see cref="RouterConfig"/> compiled for the request path: every name a client may send (catalog ids,
/// roles, aliases, <c>auto</c>) maps straight to its ordered candidate models, each bound to live backend state.
/// Immutable; a reload swaps the whole table.
/// </summary>
internal sealed class RoutingTable
{
    private readonly Dictionary<string, RouteEntry> _names;

    private RoutingTable(RouterConfig config, Dictionary<string, RouteEntry> names, IReadOnlyList<string> publicNames)
    {
        Config = config;
        _names = names;
        PublicNames = publicNames;
    }

    public RouterConfig Config { get; }

    public long Version => Config.Version;

    /// <summary>Every name a client may send, catalog ids first, then roles and aliases, then <c>auto</c>.</summary>
    public IReadOnlyList<string> PublicNames { get; }

    public AutoRoutingConfig Auto => Config.Auto;

    public GuardPolicy Guard => Config.Guard;

    /// <summary>A catalog id, role or alias compiled; null when unknown (and for <c>auto</c>).</summary>
    public RouteEntry? Route(string name) => _names.GetValueOrDefault(name);

    public bool IsKnown(string name) => name == RouterConfigValidator.AutoModel || _names.ContainsKey(name);

    /// <summary>Compiles a config already checked by <see cref="RouterConfigValidator"/>.</summary>
    public static RoutingTable Build(RouterConfig config, IReadOnlyDictionary<string, BackendState> backends)
    {
        var names = new Dictionary<string, RouteEntry>(StringComparer.Ordinal);
        var publicNames = new List<string>();
        var models = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
        foreach (var model in config.Models)
        {
            var targets = new ModelTargetEntry[model.Targets.Count];
            for (var i = 0; i < targets.Length; i++)
            {
                var target = model.Targets[i];
                targets[i] = new ModelTargetEntry(backends[target.Backend], target.UpstreamModel ?? model.Id);
            }
            var entry = new ModelEntry(model, targets);
            models[model.Id] = entry;
            names[model.Id] = new RouteEntry([entry], false, null, null);
            publicNames.Add(model.Id);
        }
        foreach (var route in config.Routes)
        {
            var candidates = new ModelEntry[route.Candidates.Count];
            for (var i = 0; i < candidates.Length; i++)
            {
                candidates[i] = models[route.Candidates[i]];
            }
            names[route.Name] = new RouteEntry(candidates, RouterConfigValidator.IsLocalRoute(route), route.Guard, route.OnClassifierUnavailable);
            publicNames.Add(route.Name);
        }
        if (config.Models.Count > 0)
        {
            publicNames.Add(RouterConfigValidator.AutoModel);
        }
        return new RoutingTable(config, names, publicNames);
    }
}
