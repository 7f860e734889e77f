using HybridInference.Contracts.OpenAi;

namespace HybridInference.Router.Requests;

/// <summary>Why the Router answers a request itself instead of forwarding it, in the terms of OpenAI's error shape.</summary>
internal sealed record Refusal(int Status, string Message, string Type, string? Code = null, string? Param = null)
{
    /// <summary>When the client may try again (sent as <c>Retry-After</c>), for limits.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Refusal BadRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, OpenAiErrorTypes.InvalidRequest, code, param);

    public static Refusal Unavailable(string message, string code) =>
        new(StatusCodes.Status503ServiceUnavailable, message, OpenAiErrorTypes.Server, code);
}
