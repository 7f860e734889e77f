namespace HybridInference.Dashboard.Fabric;

/// <summary>The Router's operations API (Router/Operations): decisions, backends, drain, health probes, config in use.</summary>
internal sealed class RouterApi(HttpClient http) : AdminClient(http)
{
    /// <summary>Recent decisions, newest first; <paramref name="query"/> is the filter's query string (without <c>?</c>).</summary>
    public async Task<IReadOnlyList<RoutingDecision>> DecisionsAsync(string query, CancellationToken cancellationToken) =>
        (await GetAsync<DataList<RoutingDecision>>("/v1/operations/decisions?" + query, cancellationToken)).Data;

    public async Task<IReadOnlyList<BackendView>> BackendsAsync(CancellationToken cancellationToken) =>
        (await GetAsync<DataList<BackendView>>("/v1/operations/backends", cancellationToken)).Data;

    public Task<BackendView> DrainAsync(string backend, bool drained, CancellationToken cancellationToken) =>
        SendAsync<BackendView>(HttpMethod.Post, $"/v1/operations/backends/{Uri.EscapeDataString(backend)}/{(drained ? "drain" : "undrain")}", null, cancellationToken);

    public Task<BackendView> CheckAsync(string backend, CancellationToken cancellationToken) =>
        SendAsync<BackendView>(HttpMethod.Post, $"/v1/operations/backends/{Uri.EscapeDataString(backend)}/check", null, cancellationToken);

    public Task<ActiveConfig> ActiveConfigAsync(CancellationToken cancellationToken) => GetAsync<ActiveConfig>("/v1/operations/config", cancellationToken);
}
