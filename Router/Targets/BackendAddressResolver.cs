using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace HybridInference.Router.Targets;

/// <summary>
/// Turns a backend URL into the address requests go to: service names (<c>http://vllm-coding</c>) through service
/// discovery, plain URLs as they are.
/// </summary>
internal sealed partial class BackendAddressResolver(ServiceEndpointResolver resolver, ILogger<BackendAddressResolver> logger)
{
    public async Task ResolveAsync(BackendState backend, CancellationToken cancellationToken)
    {
        var url = backend.Config.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return;
        }
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback || uri.Host.Contains('.'))
        {
            // Addresses and fully qualified names need no discovery; DNS does the rest at connect time.
            backend.BaseUrl = url.TrimEnd('/');
            return;
        }
        try
        {
            var source = await resolver.GetEndpointsAsync($"{uri.Scheme}://{uri.Authority}", cancellationToken);
            if (source.Endpoints.Count > 0 && ToBaseUrl(uri, source.Endpoints[0].EndPoint) is { } resolved)
            {
                backend.BaseUrl = resolved + uri.AbsolutePath.TrimEnd('/');
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ResolutionFailed(logger, backend.Name, url, ex.Message);
        }
    }

    private static string? ToBaseUrl(Uri configured, EndPoint endPoint) => endPoint switch
    {
        UriEndPoint { Uri: var u } => u.GetLeftPart(UriPartial.Authority),
        IPEndPoint ip => $"{configured.Scheme}://{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip.Address}]" : ip.Address.ToString())}:{ip.Port}",
        DnsEndPoint dns => dns.Port > 0 ? $"{configured.Scheme}://{dns.Host}:{dns.Port}" : $"{configured.Scheme}://{dns.Host}",
        _ => null,
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend}: could not resolve {Url}: {Reason}")]
        public static partial void ResolutionFailed(ILogger logger, string backend, string url, string reason);
    }
}
