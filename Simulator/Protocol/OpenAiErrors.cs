using HybridInference.Contracts.OpenAi;

namespace HybridInference.Simulator.Protocol;

/// <summary>The errors the <c>/v1</c> API answers, as vLLM words them; written by Contracts' <see cref="OpenAiErrorWriter"/>.</summary>
internal static class OpenAiErrors
{
    public static OpenAiErrorResult InvalidRequest(string message, string? param = null) =>
        OpenAiErrorWriter.Result(StatusCodes.Status400BadRequest, message, OpenAiErrorTypes.InvalidRequest, param: param);

    public static OpenAiErrorResult InvalidJson(string detail) =>
        InvalidRequest($"The request body is not valid JSON for this endpoint: {detail}");

    public static OpenAiErrorResult MissingField(string field) =>
        InvalidRequest($"'{field}' is required.", field);

    public static OpenAiErrorResult ModelNotFound(string model) =>
        OpenAiErrorWriter.Result(StatusCodes.Status404NotFound, $"The model `{model}` does not exist.", OpenAiErrorTypes.InvalidRequest, "model_not_found", "model");

    public static OpenAiErrorResult InvalidApiKey() =>
        OpenAiErrorWriter.Result(StatusCodes.Status401Unauthorized, "Incorrect API key provided.", OpenAiErrorTypes.Authentication, "invalid_api_key");

    public static OpenAiErrorResult EngineDown() =>
        OpenAiErrorWriter.Result(StatusCodes.Status503ServiceUnavailable, "The engine is down (injected fault).", OpenAiErrorTypes.Server, "engine_down");

    /// <summary>The answer to a request picked by the <c>error_rate</c> fault.</summary>
    public static OpenAiErrorResult Injected(int status) =>
        OpenAiErrorWriter.Result(status, $"Injected fault: the engine answered {status}.", OpenAiErrorWriter.TypeFor(status), "injected_fault");
}
