namespace HybridInference.Control.Commands;

/// <summary>How an operator may write a remote endpoint, and the form the Router needs.</summary>
internal static class RemoteEndpoint
{
    /// <summary>
    /// <c>https://api.example.com/v1/</c> → <c>https://api.example.com</c>: providers document their base URL with
    /// <c>/v1</c>, while the Router appends the request's whole path (<c>/v1/chat/completions</c>).
    /// </summary>
    public static string Normalise(string endpoint)
    {
        var url = endpoint.Trim().TrimEnd('/');
        return url.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? url[..^3].TrimEnd('/') : url;
    }
}
