using System.Globalization;

namespace HybridInference.AppHost.GpuPlanning;

/// <summary>
/// Works out what an engine needs of its GPU: weights (parameters × bytes per weight), KV cache
/// (2 × layers × KV heads × head size × bytes per cache element, per token, for max sequences × context length)
/// and a fixed overhead; and from the GPU's memory the <c>--gpu-memory-utilization</c> that covers it.
/// </summary>
public static class VramPlanner
{
    private const double Mib = 1024 * 1024;

    /// <summary>Bytes of one element of <paramref name="dtype"/>.</summary>
    public static int BytesPerElement(string dtype) => dtype.ToLowerInvariant() switch
    {
        "float32" or "fp32" => 4,
        "bfloat16" or "bf16" or "float16" or "fp16" or "half" => 2,
        "fp8" or "fp8_e4m3" or "fp8_e5m2" or "int8" => 1,
        _ => throw new ArgumentException($"unknown dtype '{dtype}'", nameof(dtype)),
    };

    /// <summary>KV-cache bytes one token takes: 2 (key and value) × layers × KV heads × head size × element bytes.</summary>
    public static long KvBytesPerToken(ServedModel model) =>
        2L * model.Layers * model.KvHeads * model.HeadDim * BytesPerElement(KvCacheElementType(model));

    /// <summary>The memory one engine needs on <paramref name="gpu"/>.</summary>
    public static EngineNeed Need(string engine, ServedModel model, GpuSpec gpu)
    {
        var weights = model.Parameters * BytesPerElement(model.Dtype);
        var kvCache = KvBytesPerToken(model) * model.MaxModelLen * model.MaxNumSeqs;
        var overhead = gpu.OverheadMib * 1024L * 1024L;
        var total = weights + kvCache + overhead;
        // vLLM's fraction is of the GPU's total memory; rounded up to the hundredth the flag is written with.
        var required = Math.Ceiling(Math.Round(total / (gpu.MemoryMib * Mib) * 100, 6)) / 100;
        return new EngineNeed(engine, model, weights, kvCache, overhead, required);
    }

    /// <summary>The plan of <paramref name="engines"/> (engine name → model) sharing <paramref name="gpu"/>.</summary>
    public static GpuPlan Plan(GpuSpec gpu, IEnumerable<(string Engine, ServedModel Model)> engines) =>
        new(gpu, [.. engines.Select(e => Need(e.Engine, e.Model, gpu))]);

    /// <summary>Writes a fraction the way vLLM's flag takes it (<c>0.43</c>).</summary>
    public static string Fraction(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string KvCacheElementType(ServedModel model) =>
        string.Equals(model.KvCacheDtype, "auto", StringComparison.OrdinalIgnoreCase) ? model.Dtype : model.KvCacheDtype;
}

/// <summary>What one engine needs of its GPU, in bytes, and the utilization that covers it.</summary>
public sealed record EngineNeed(string Engine, ServedModel Model, long WeightBytes, long KvCacheBytes, long OverheadBytes, double RequiredUtilization)
{
    /// <summary>Weights + KV cache + overhead.</summary>
    public long TotalBytes => WeightBytes + KvCacheBytes + OverheadBytes;
}
