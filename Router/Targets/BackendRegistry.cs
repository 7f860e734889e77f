using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HybridInference.Contracts.Configuration;
using HybridInference.Router.Observability;

namespace HybridInference.Router.Targets;

/// <summary>Every backend's live state by name, kept across config reloads.</summary>
internal sealed class BackendRegistry
{
    private readonly ConcurrentDictionary<string, BackendState> _backends = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IConfiguration _configuration;
    private readonly RouterTelemetry _telemetry;

    public BackendRegistry(TimeProvider time, IConfiguration configuration, RouterTelemetry telemetry)
    {
        _time = time;
        _configuration = configuration;
        _telemetry = telemetry;
        telemetry.ObserveGauge("hybrid.router.backend.circuit_state", ObserveCircuits, "{state}", "0 closed, 1 open, 2 half-open, by backend.");
        telemetry.ObserveGauge("hybrid.router.backend.in_flight", ObserveInFlight, "{request}", "Requests in flight, by backend.");
    }

    public ICollection<BackendState> All => _backends.Values;

    public BackendState? Find(string name) => _backends.GetValueOrDefault(name);

    /// <summary>Applies a config's backends: new ones are added, changed ones updated, removed ones dropped.</summary>
    public IReadOnlyDictionary<string, BackendState> Apply(IReadOnlyList<BackendConfig> backends)
    {
        var current = new Dictionary<string, BackendState>(StringComparer.Ordinal);
        foreach (var config in backends)
        {
            var state = _backends.GetOrAdd(config.Name, name =>
            {
                var created = new BackendState(name, _time);
                created.CircuitChanged += (backend, circuit) => _telemetry.CircuitChanges.Add(1,
                    new KeyValuePair<string, object?>("backend", backend.Name), new KeyValuePair<string, object?>("state", circuit.ToString()));
                return created;
            });
            if (state.Config.Url != config.Url)
            {
                state.BaseUrl = config.Url.TrimEnd('/');
            }
            state.Config = config;
            state.ApiKey = config.ApiKeySecret is { Length: > 0 } secret ? _configuration[secret] : null;
            current[config.Name] = state;
        }
        foreach (var name in _backends.Keys)
        {
            if (!current.ContainsKey(name))
            {
                _backends.TryRemove(name, out _);
            }
        }
        return current;
    }

    private IEnumerable<Measurement<int>> ObserveCircuits()
    {
        foreach (var backend in _backends.Values)
        {
            yield return new Measurement<int>((int)backend.Circuit, new KeyValuePair<string, object?>("backend", backend.Name));
        }
    }

    private IEnumerable<Measurement<int>> ObserveInFlight()
    {
        foreach (var backend in _backends.Values)
        {
            yield return new Measurement<int>(backend.InFlight, new KeyValuePair<string, object?>("backend", backend.Name));
        }
    }
}
