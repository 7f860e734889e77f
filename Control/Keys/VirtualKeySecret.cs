using System.Security.Cryptography;
using System.Text;

namespace HybridInference.Control.Keys;

/// <summary>Makes and hashes key secrets: <c>sk-hi-</c> and 43 base64url characters (256 random bits).</summary>
internal static class VirtualKeySecret
{
    public const string Scheme = "sk-hi-";
    private const int PrefixLength = 12;

    public static string Generate() =>
        Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256 of the secret: what is stored and what the Router looks keys up by.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The part of the secret that is safe to show, e.g. <c>sk-hi-ab12cd</c>.</summary>
    public static string Prefix(string secret) => secret.Length <= PrefixLength ? secret[..Math.Min(secret.Length, 4)] : secret[..PrefixLength];

    public static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}
