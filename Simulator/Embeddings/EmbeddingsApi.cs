using HybridInference.Contracts.OpenAi;
using HybridInference.Simulator.Engine;
using HybridInference.Simulator.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Embeddings;

/// <summary><c>POST /v1/embeddings</c>: one deterministic unit vector per input, queued and timed like any request.</summary>
internal static class EmbeddingsApi
{
    public static IEndpointRouteBuilder MapEmbeddingsApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/embeddings", CreateAsync);
        return api;
    }

    private static async Task<Results<EmbeddingsResult, EmptyHttpResult, OpenAiErrorResult>> CreateAsync(
        HttpRequest request, GenerationPlanner planner, InferenceEngine engine, IOptions<SimulatorOptions> options, CancellationToken cancellationToken)
    {
        var arrivedAt = planner.Now();
        var (body, invalid) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.EmbeddingRequest, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }
        if (string.IsNullOrEmpty(body.Model))
        {
            return OpenAiErrors.MissingField("model");
        }
        if (body.Input is not { Length: > 0 } inputs)
        {
            return OpenAiErrors.MissingField("input");
        }
        var dimensions = body.Dimensions ?? options.Value.EmbeddingDimensions;
        if (dimensions is < 1 or > SimulatorOptionsValidator.MaxEmbeddingDimensions)
        {
            return OpenAiErrors.InvalidRequest($"'dimensions' must be between 1 and {SimulatorOptionsValidator.MaxEmbeddingDimensions}.", "dimensions");
        }
        var base64 = body.EncodingFormat == EmbeddingRequest.Base64;
        if (!base64 && body.EncodingFormat is not (null or EmbeddingRequest.Float))
        {
            return OpenAiErrors.InvalidRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
        }
        if (planner.CheckModel(body.Model, maxTokens: null, "max_tokens", out var modelIndex) is { } refused)
        {
            return refused;
        }

        var promptTokens = 0;
        foreach (var input in inputs)
        {
            promptTokens += planner.Tokens.Count(input);
        }
        SlotLease lease;
        try
        {
            lease = await engine.StartAsync(modelIndex, promptTokens, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Empty;
        }
        using (lease)
        {
            var vectors = new float[inputs.Length][];
            for (var i = 0; i < inputs.Length; i++)
            {
                vectors[i] = EmbeddingVectors.Create(body.Model, inputs[i], dimensions);
            }
            var metrics = engine.MetricsFor(modelIndex);
            var elapsed = engine.Time.GetElapsedTime(arrivedAt).TotalSeconds;
            metrics.TimeToFirstToken.Observe(elapsed);
            metrics.EndToEnd.Observe(elapsed);
            return new EmbeddingsResult(body.Model, vectors, base64, promptTokens);
        }
    }
}
