using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridInference.Contracts.OpenAi;
using HybridInference.Simulator.Chat;
using HybridInference.Simulator.Completions;
using HybridInference.Simulator.Embeddings;
using HybridInference.Simulator.Faults;

namespace HybridInference.Simulator.Protocol;

/// <summary>
/// Source-generated JSON for the engine's wire types, in OpenAI's snake_case. Nulls are written, as OpenAI does
/// for an error's <c>param</c> and <c>code</c>.
/// </summary>
[JsonSerializable(typeof(OpenAiErrorResponse))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(FaultSettings))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext
{
    /// <summary>The context to use: snake_case, and quotes or backticks in messages left readable (the body is JSON, never HTML).</summary>
    public static SimulatorJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
