namespace HybridInference.Dashboard.Fabric;

/// <summary>What one service's <c>/health</c> answered.</summary>
/// <param name="Name">Service name, as service discovery knows it.</param>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c> or <c>Unreachable</c>.</param>
/// <param name="Detail">The health report's body, or why the service could not be reached.</param>
public sealed record ServiceStatus(string Name, string Status, string Detail);
