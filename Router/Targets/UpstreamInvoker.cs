using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace HybridInference.Router.Targets;

/// <summary>The one connection pool every upstream request (forwarded, continued or a probe) shares, set up as a proxy's should be.</summary>
internal sealed class UpstreamInvoker : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    }, disposeHandler: true);

    public void Dispose() => Invoker.Dispose();
}
