using System.Security.Cryptography;
using System.Text;

namespace HybridInference.Dashboard.SignIn;

/// <summary>Checks a presented admin token against the configured one.</summary>
internal static class AdminToken
{
    // Hashing first keeps the comparison constant-time whatever the lengths.
    public static bool Matches(string? presented, string? expected) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
