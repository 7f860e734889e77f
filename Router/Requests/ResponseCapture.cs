using System.Buffers;

namespace HybridInference.Router.Requests;

/// <summary>The bytes of an answer as they pass to the client, kept for the cache up to a bound.</summary>
internal sealed class ResponseCapture(int maxBytes)
{
    private readonly ArrayBufferWriter<byte> _bytes = new(4096);

    /// <summary>The answer outgrew the bound: it is served, not cached.</summary>
    public bool Overflowed { get; private set; }

    public ReadOnlySpan<byte> Bytes => _bytes.WrittenSpan;

    /// <summary>Gives up on the answer (it grew past what the observer keeps).</summary>
    public void Overflow() => Overflowed = true;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Overflowed)
        {
            return;
        }
        if (_bytes.WrittenCount + bytes.Length > maxBytes)
        {
            Overflowed = true;
            return;
        }
        _bytes.Write(bytes);
    }
}
