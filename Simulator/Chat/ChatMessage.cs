using System.Text.Json.Serialization;
using HybridInference.Simulator.Protocol;

namespace HybridInference.Simulator.Chat;

/// <summary>One message of a chat request; only what the engine reads.</summary>
internal sealed record ChatMessage
{
    public const string AssistantRole = "assistant";

    public string? Role { get; init; }

    /// <summary>The message text; content-part arrays are read as their text parts joined.</summary>
    [JsonConverter(typeof(MessageContentConverter))]
    public string? Content { get; init; }
}
