namespace HybridInference.Router.Forwarding;

/// <summary>
/// Runs request work on the socket thread that read it, as nginx's event loop does, when the deployment sets
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (the AppHost does). The runtime reads that variable for
/// its own socket completions (SocketsHttpHandler's included); Kestrel's transport follows the same switch. On a
/// small appliance a hop to the thread pool costs a wake-up worth more than the Router's own work per request
/// (bench/Router/RESULTS.md). It is safe because nothing on the request path blocks; the usage shipper's disk
/// work leaves the socket thread first.
/// </summary>
internal static class InlineIo
{
    public static WebApplicationBuilder UseInlineIo(this WebApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1")
        {
            builder.WebHost.UseSockets(transport => transport.UnsafePreferInlineScheduling = true);
        }
        return builder;
    }
}
