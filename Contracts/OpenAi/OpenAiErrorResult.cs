using Microsoft.AspNetCore.Http;

namespace HybridInference.Contracts.OpenAi;

/// <summary>An endpoint's answer that is an OpenAI-shaped error; written by <see cref="OpenAiErrorWriter"/>.</summary>
/// <param name="StatusCode">The HTTP status, e.g. 400.</param>
/// <param name="Error">What went wrong.</param>
public sealed record OpenAiErrorResult(int StatusCode, OpenAiError Error) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>Always <c>application/json</c>.</summary>
    public string ContentType => "application/json";

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext) =>
        OpenAiErrorWriter.WriteAsync(httpContext.Response, StatusCode, Error.Message, Error.Type, Error.Code, Error.Param);
}
