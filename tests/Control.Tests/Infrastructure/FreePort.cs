using System.Net;
using System.Net.Sockets;

namespace HybridInference.Control.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A port the OS just handed out; servers that cannot bind port 0 themselves are started on it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
