using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// A stable 64-bit hash of a request's inputs (model, roles, contents) that seeds everything deterministic.
/// Each string is preceded by its length so that ("ab","c") and ("a","bc") differ.
/// </summary>
internal sealed class PromptHash
{
    private readonly XxHash3 _hash = new();

    public PromptHash Add(string? value)
    {
        var text = value.AsSpan();
        var length = text.Length;
        _hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<int>(ref length)));
        _hash.Append(MemoryMarshal.AsBytes(text));
        return this;
    }

    public PromptHash Add(ulong value)
    {
        _hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(ref value)));
        return this;
    }

    public ulong Value => _hash.GetCurrentHashAsUInt64();
}
