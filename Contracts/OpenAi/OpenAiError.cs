namespace HybridInference.Contracts.OpenAi;

/// <summary>The body of every error on an OpenAI-compatible API: <c>{"error":{…}}</c>.</summary>
/// <param name="Error">What went wrong.</param>
public sealed record OpenAiErrorResponse(OpenAiError Error);

/// <summary>One error in OpenAI's shape.</summary>
/// <param name="Message">A sentence a developer can act on.</param>
/// <param name="Type">OpenAI's error class, e.g. <c>invalid_request_error</c>; see <see cref="OpenAiErrorTypes"/>.</param>
/// <param name="Param">The request field at fault, when there is one.</param>
/// <param name="Code">A machine-readable code, e.g. <c>model_not_found</c>.</param>
public sealed record OpenAiError(string Message, string Type, string? Param = null, string? Code = null);

/// <summary>The error types OpenAI's APIs use.</summary>
public static class OpenAiErrorTypes
{
    /// <summary>The request itself is wrong (400, 404, 413).</summary>
    public const string InvalidRequest = "invalid_request_error";
    /// <summary>The key is missing, unknown or revoked (401).</summary>
    public const string Authentication = "authentication_error";
    /// <summary>The key may not do this (403).</summary>
    public const string Permission = "permission_error";
    /// <summary>A rate limit or budget was reached (429).</summary>
    public const string RateLimit = "rate_limit_error";
    /// <summary>A server or upstream fault (5xx).</summary>
    public const string Server = "server_error";
}
