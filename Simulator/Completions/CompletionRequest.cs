using System.Text.Json.Serialization;
using HybridInference.Simulator.Protocol;

namespace HybridInference.Simulator.Completions;

/// <summary>The fields of <c>POST /v1/completions</c> the engine honours; others are accepted and ignored.</summary>
internal sealed record CompletionRequest
{
    public string? Model { get; init; }

    /// <summary>The prompt: a string, or an array holding one string.</summary>
    [JsonConverter(typeof(StringOrArrayConverter))]
    public string[]? Prompt { get; init; }

    public int? MaxTokens { get; init; }

    public bool? Stream { get; init; }

    public StreamOptions? StreamOptions { get; init; }
}
