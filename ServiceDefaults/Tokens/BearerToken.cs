using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HybridInference.ServiceDefaults.Tokens;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c>, the one way every service takes a token.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>The token of the request's <c>Authorization</c> header, as a slice of the header (no copy).</summary>
    /// <returns>False when the header is missing, repeated, of another scheme, or carries no token.</returns>
    public static bool TryRead(HttpRequest request, out ReadOnlySpan<char> token) => TryRead(request.Headers.Authorization, out token);

    /// <inheritdoc cref="TryRead(HttpRequest, out ReadOnlySpan{char})"/>
    public static bool TryRead(StringValues authorization, out ReadOnlySpan<char> token)
    {
        token = default;
        // Two Authorization headers are ambiguous; neither is taken.
        if (authorization.Count != 1 || authorization[0] is not { } header)
        {
            return false;
        }
        var value = header.AsSpan().Trim();
        // The scheme is case-insensitive and separated from the token by at least one space (RFC 9110 §11.4).
        if (value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value[Scheme.Length] != ' ')
        {
            return false;
        }
        token = value[(Scheme.Length + 1)..].TrimStart(' ');
        return !token.IsEmpty;
    }
}
