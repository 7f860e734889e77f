using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>KubeAI's <c>Model</c> (<c>kubeai.org/v1</c>): a model KubeAI serves on its OpenAI endpoint under <c>metadata.name</c>.</summary>
public sealed class KubeAiModel : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>KubeAI's API version.</summary>
    public const string KubeApiVersion = "kubeai.org/v1";
    /// <summary>The kind.</summary>
    public const string KubeKind = "Model";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeApiVersion;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The model's spec.</summary>
    [JsonPropertyName("spec")]
    public KubeAiModelSpec Spec { get; set; } = new();
}

/// <summary>The fields of KubeAI's Model spec the fabric sets.</summary>
public sealed class KubeAiModelSpec
{
    /// <summary>Where the weights come from: <c>hf://&lt;id&gt;</c>.</summary>
    [JsonPropertyName("url")]
    public string Url { get; set; } = "";

    /// <summary><c>VLLM</c>.</summary>
    [JsonPropertyName("engine")]
    public string Engine { get; set; } = "VLLM";

    /// <summary>What the model can do: <c>TextGeneration</c>, <c>TextEmbedding</c>.</summary>
    [JsonPropertyName("features")]
    public IList<string> Features { get; set; } = [];

    /// <summary>Engine flags besides the model and its name, which KubeAI sets.</summary>
    [JsonPropertyName("args")]
    public IList<string> Args { get; set; } = [];

    /// <summary>The cluster's resource profile and how many of it: <c>nvidia-gpu-l40s:1</c>.</summary>
    [JsonPropertyName("resourceProfile")]
    public string ResourceProfile { get; set; } = "";

    /// <summary>Replicas kept when idle.</summary>
    [JsonPropertyName("minReplicas")]
    public int MinReplicas { get; set; }

    /// <summary>Most replicas KubeAI scales to.</summary>
    [JsonPropertyName("maxReplicas")]
    public int MaxReplicas { get; set; }
}
