using System.Globalization;
using HybridInference.Contracts.OpenAi;

namespace HybridInference.Router.Requests;

/// <summary>The refusals the Router answers on <c>/v1</c>, written by Contracts' <see cref="OpenAiErrorWriter"/>.</summary>
internal static class OpenAiErrors
{
    /// <summary>Answers <paramref name="refusal"/> (with <c>Retry-After</c> when it has one) through the shared writer.</summary>
    public static Task WriteAsync(HttpContext context, Refusal refusal)
    {
        if (refusal.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return OpenAiErrorWriter.WriteAsync(context.Response, refusal.Status, refusal.Message, refusal.Type, refusal.Code, refusal.Param);
    }

    public static Refusal Forbidden(string model) =>
        new(StatusCodes.Status403Forbidden, $"This API key is not allowed to use the model '{model}'.", OpenAiErrorTypes.Permission, "model_not_allowed", "model");

    public static Refusal ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, $"The model '{model}' does not exist or is not served here.", OpenAiErrorTypes.InvalidRequest, "model_not_found", "model");

    public static Refusal TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds the limit of {limit} bytes.", OpenAiErrorTypes.InvalidRequest, "request_too_large");

    public static Refusal RateLimited(string message, string code, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, message, OpenAiErrorTypes.RateLimit, code) { RetryAfter = retryAfter };
}
