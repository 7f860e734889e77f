using System.Text.Json.Serialization;
using HybridInference.Simulator.Protocol;

namespace HybridInference.Simulator.Embeddings;

/// <summary>The fields of <c>POST /v1/embeddings</c> the engine honours.</summary>
internal sealed record EmbeddingRequest
{
    public const string Float = "float";
    public const string Base64 = "base64";

    public string? Model { get; init; }

    /// <summary>A string or an array of strings; one vector each.</summary>
    [JsonConverter(typeof(StringOrArrayConverter))]
    public string[]? Input { get; init; }

    /// <summary>Length of each vector; the engine's default when absent.</summary>
    public int? Dimensions { get; init; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32, what the OpenAI SDKs ask for).</summary>
    public string? EncodingFormat { get; init; }
}
