using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HybridInference.ServiceDefaults.Tokens;

/// <summary>
/// The SHA-256 of a configured secret token. A presented token is hashed too and the two hashes compared in
/// constant time, so neither the position of the first differing character nor the token's length shows in the
/// time a check takes.
/// </summary>
public sealed class TokenHash
{
    // Tokens up to this many UTF-8 bytes are hashed from the stack; longer ones from a pooled buffer.
    private const int StackLimit = 512;

    private readonly byte[]? _hash;

    private TokenHash(byte[]? hash) => _hash = hash;

    /// <summary>The hash of <paramref name="token"/>; an unset (null or empty) token matches nothing.</summary>
    public static TokenHash Of(string? token) =>
        new(string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a token is configured at all.</summary>
    public bool IsSet => _hash is not null;

    /// <summary>Whether <paramref name="presented"/> is the configured token; always false when none is.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (_hash is null)
        {
            return false;
        }
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(presented, digest);
        return CryptographicOperations.FixedTimeEquals(digest, _hash);
    }

    /// <summary>Whether <paramref name="request"/> carries <c>Authorization: Bearer</c> with the configured token.</summary>
    public bool IsPresentedBy(HttpRequest request) => BearerToken.TryRead(request, out var token) && Matches(token);

    private static void Hash(ReadOnlySpan<char> token, Span<byte> digest)
    {
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        var utf8 = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(token, utf8);
            SHA256.HashData(utf8[..written], digest);
        }
        finally
        {
            if (rented is not null)
            {
                // The buffer held a secret; it goes back to the pool blank.
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
