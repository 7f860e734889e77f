using System.Text.Json.Serialization;
using HybridInference.Simulator.Protocol;

namespace HybridInference.Simulator.Responses;

/// <summary>One item of a Responses <c>input</c>; only messages (<c>type</c> absent or <c>message</c>) carry text the engine reads.</summary>
internal sealed record ResponseInputItem
{
    public const string MessageType = "message";

    public string? Type { get; init; }

    public string? Role { get; init; }

    /// <summary>The message text: a string, or its <c>input_text</c>/<c>output_text</c> parts joined.</summary>
    [JsonConverter(typeof(MessageContentConverter))]
    public string? Content { get; init; }
}
