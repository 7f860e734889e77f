using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HybridInference.Contracts.OpenAi;

namespace HybridInference.Simulator.Protocol;

/// <summary>Reads a request body ourselves, so that bad JSON gets an OpenAI-shaped 400 rather than the framework's.</summary>
internal static class JsonBody
{
    public static async ValueTask<(T? Value, OpenAiErrorResult? Error)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null ? (null, OpenAiErrors.InvalidJson("the body is empty or null.")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, OpenAiErrors.InvalidJson(exception.Message));
        }
    }
}
