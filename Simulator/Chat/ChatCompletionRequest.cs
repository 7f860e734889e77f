using HybridInference.Simulator.Protocol;

namespace HybridInference.Simulator.Chat;

/// <summary>The fields of <c>POST /v1/chat/completions</c> the engine honours; others (sampling, tools…) are accepted and ignored.</summary>
internal sealed record ChatCompletionRequest
{
    public string? Model { get; init; }

    public List<ChatMessage>? Messages { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>OpenAI's newer name for <see cref="MaxTokens"/>; wins when both are given.</summary>
    public int? MaxCompletionTokens { get; init; }

    public bool? Stream { get; init; }

    public StreamOptions? StreamOptions { get; init; }

    /// <summary>vLLM: continue the final assistant message instead of starting a new one.</summary>
    public bool? ContinueFinalMessage { get; init; }

    /// <summary>vLLM: append the template's generation prompt; defaults to true and must be false to continue.</summary>
    public bool? AddGenerationPrompt { get; init; }
}
