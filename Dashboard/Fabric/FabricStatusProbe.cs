using System.Text.Json;

namespace HybridInference.Dashboard.Fabric;

/// <summary>Asks each fabric service for its health, in parallel, through service discovery.</summary>
internal sealed class FabricStatusProbe(HttpClient http)
{
    /// <summary>The services the operator watches.</summary>
    public static readonly string[] Services = ["router", "control", "classifier"];

    public Task<ServiceStatus[]> ProbeAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Services.Select(service => ProbeAsync(service, cancellationToken)));

    private async Task<ServiceStatus> ProbeAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"http://{service}/health", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var report = JsonDocument.Parse(body);
            var status = report.RootElement.TryGetProperty("status", out var value) ? value.GetString() : null;
            return new ServiceStatus(service, status ?? "Unknown", body);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
        {
            return new ServiceStatus(service, "Unreachable", exception.Message);
        }
    }
}
