using HybridInference.Contracts.OpenAi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Simulator.Protocol;

/// <summary>Every error the <c>/v1</c> API answers, in OpenAI's shape, built in one place.</summary>
internal static class OpenAiErrors
{
    public static JsonHttpResult<OpenAiErrorResponse> InvalidRequest(string message, string? param = null) =>
        Create(StatusCodes.Status400BadRequest, message, OpenAiErrorTypes.InvalidRequest, param);

    public static JsonHttpResult<OpenAiErrorResponse> InvalidJson(string detail) =>
        InvalidRequest($"The request body is not valid JSON for this endpoint: {detail}");

    public static JsonHttpResult<OpenAiErrorResponse> MissingField(string field) =>
        InvalidRequest($"'{field}' is required.", field);

    public static JsonHttpResult<OpenAiErrorResponse> ModelNotFound(string model) =>
        Create(StatusCodes.Status404NotFound, $"The model `{model}` does not exist.", OpenAiErrorTypes.InvalidRequest, "model", "model_not_found");

    public static JsonHttpResult<OpenAiErrorResponse> InvalidApiKey() =>
        Create(StatusCodes.Status401Unauthorized, "Incorrect API key provided.", OpenAiErrorTypes.Authentication, code: "invalid_api_key");

    public static JsonHttpResult<OpenAiErrorResponse> EngineDown() =>
        Create(StatusCodes.Status503ServiceUnavailable, "The engine is down (injected fault).", OpenAiErrorTypes.Server, code: "engine_down");

    /// <summary>The answer to a request picked by the <c>error_rate</c> fault.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> Injected(int status)
    {
        var type = status switch
        {
            StatusCodes.Status401Unauthorized => OpenAiErrorTypes.Authentication,
            StatusCodes.Status403Forbidden => OpenAiErrorTypes.Permission,
            StatusCodes.Status429TooManyRequests => OpenAiErrorTypes.RateLimit,
            < 500 => OpenAiErrorTypes.InvalidRequest,
            _ => OpenAiErrorTypes.Server,
        };
        return Create(status, $"Injected fault: the engine answered {status}.", type, code: "injected_fault");
    }

    private static JsonHttpResult<OpenAiErrorResponse> Create(int status, string message, string type, string? param = null, string? code = null) =>
        TypedResults.Json(new OpenAiErrorResponse(new OpenAiError(message, type, param, code)), SimulatorJsonContext.Wire.OpenAiErrorResponse, statusCode: status);
}
