namespace HybridInference.AppHost.GpuPlanning;

/// <summary>A model a vLLM engine serves: its source, its geometry and the engine flags planned for it.</summary>
public sealed class ServedModel
{
    /// <summary>The name clients and the Router use (vLLM's <c>--served-model-name</c>, KubeAI's model name).</summary>
    public string Id { get; init; } = "";
    /// <summary>Where the weights come from.</summary>
    public string HuggingFaceId { get; init; } = "";
    /// <summary>The pinned commit of the weights (vLLM's <c>--revision</c>).</summary>
    public string Revision { get; set; } = "";
    /// <summary>Parameter count.</summary>
    public long Parameters { get; init; }
    /// <summary>Weight dtype: <c>bfloat16</c>, <c>float16</c>, <c>float32</c>, <c>fp8</c> or <c>int8</c>.</summary>
    public string Dtype { get; init; } = "bfloat16";
    /// <summary>Transformer layers (<c>num_hidden_layers</c>).</summary>
    public int Layers { get; init; }
    /// <summary>Key/value heads (<c>num_key_value_heads</c>).</summary>
    public int KvHeads { get; init; }
    /// <summary>Size of one head (<c>head_dim</c>, or hidden size / attention heads).</summary>
    public int HeadDim { get; init; }
    /// <summary>vLLM's <c>--max-model-len</c>: context length in tokens.</summary>
    public int MaxModelLen { get; init; }
    /// <summary>vLLM's <c>--max-num-seqs</c>: sequences served at once.</summary>
    public int MaxNumSeqs { get; init; }
    /// <summary>vLLM's <c>--kv-cache-dtype</c>: <c>auto</c> (the weights' dtype), <c>fp8</c>, …</summary>
    public string KvCacheDtype { get; init; } = "auto";
    /// <summary>vLLM's <c>--gpu-memory-utilization</c>, taken from the plan; publishing refuses one below the plan's need.</summary>
    public double GpuMemoryUtilization { get; init; }
    /// <summary>Further names the local stand-in serves (a model that would be its own engine on GPUs).</summary>
    public List<string> StandInExtraIds { get; init; } = [];
}
