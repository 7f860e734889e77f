using System.Text.Json.Serialization;

namespace HybridInference.Simulator.Responses;

/// <summary>The fields of <c>POST /v1/responses</c> the engine honours; others (tools, reasoning, text format…) are accepted and ignored.</summary>
internal sealed record ResponseRequest
{
    public string? Model { get; init; }

    /// <summary>A string (one user message) or an array of message items.</summary>
    [JsonConverter(typeof(ResponseInputConverter))]
    public List<ResponseInputItem>? Input { get; init; }

    /// <summary>A system message ahead of the input; echoed in the response.</summary>
    public string? Instructions { get; init; }

    public int? MaxOutputTokens { get; init; }

    public bool? Stream { get; init; }

    /// <summary>Checked (0 to 2) and echoed; the answer depends only on the conversation, so it is reproducible at any temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>Accepted: every answer is already reproducible for a given conversation.</summary>
    public long? Seed { get; init; }

    /// <summary>Refused when set: the simulator stores no responses to continue from.</summary>
    public string? PreviousResponseId { get; init; }
}
