using System.Security.Cryptography;
using System.Text;

namespace HybridInference.Router.Keys;

/// <summary>The SHA-256 hex of a virtual key: how Control stores keys and how the Router looks them up.</summary>
internal static class VirtualKeyHash
{
    public static string Compute(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(key.Length) <= utf8.Length ? utf8 : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..length], hash);
        return Convert.ToHexStringLower(hash);
    }
}
