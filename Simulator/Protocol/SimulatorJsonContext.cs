using System.Text.Json;
using System.Text.Json.Serialization;
using HybridInference.Simulator.Chat;
using HybridInference.Simulator.Completions;
using HybridInference.Simulator.Embeddings;
using HybridInference.Simulator.Faults;
using HybridInference.Simulator.Responses;

namespace HybridInference.Simulator.Protocol;

/// <summary>
/// Source-generated JSON for the engine's request types and the faults API, in OpenAI's snake_case.
/// </summary>
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(ResponseRequest))]
[JsonSerializable(typeof(ResponseInputItem))]
[JsonSerializable(typeof(List<ResponseInputItem>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext
{
    /// <summary>The context to use: snake_case names.</summary>
    public static SimulatorJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    });
}
