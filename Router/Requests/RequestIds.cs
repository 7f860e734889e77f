using System.Buffers.Binary;

namespace HybridInference.Router.Requests;

/// <summary>
/// Request ids in UUIDv7 layout (milliseconds since the epoch, then random bits), hex after <c>req_</c>: they sort by
/// time and are unique across replicas and restarts, which usage idempotency at Control relies on. The random bits come
/// from the securely seeded <see cref="Random.Shared"/> rather than the OS: <see cref="Guid.CreateVersion7()"/> costs
/// a read of <c>/dev/urandom</c> per request here, a syscall on the hot path.
/// </summary>
internal static class RequestIds
{
    public static string Next(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, now.ToUnixTimeMilliseconds());
        millis[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        // One allocation, the id itself.
        Span<char> id = stackalloc char[4 + 32];
        "req_".CopyTo(id);
        Convert.TryToHexStringLower(bytes, id[4..], out _);
        return new string(id);
    }
}
