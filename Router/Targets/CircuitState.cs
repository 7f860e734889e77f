using System.Text.Json.Serialization;
using HybridInference.Contracts;

namespace HybridInference.Router.Targets;

/// <summary>A backend's circuit breaker state.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<CircuitState>))]
internal enum CircuitState
{
    /// <summary>Traffic flows.</summary>
    Closed = 0,
    /// <summary>Too many failures: no traffic until the open period ends.</summary>
    Open = 1,
    /// <summary>The open period ended: one trial request decides whether the circuit closes again.</summary>
    HalfOpen = 2,
}
