namespace HybridInference.Simulator.Engine;

/// <summary>
/// A tiny deterministic random sequence (Vigna's SplitMix64). Written out here rather than using
/// <see cref="Random"/> so that answers and vectors never change with the runtime's implementation.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in <c>[0, bound)</c>; the tiny modulo bias does not matter for simulated text.</summary>
    public int Next(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>A number in <c>[-1, 1)</c>.</summary>
    public double NextSigned() => (Next() >> 11) * (2.0 / (1UL << 53)) - 1.0;
}
