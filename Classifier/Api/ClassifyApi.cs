using System.Text.Json;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Pii;
using HybridInference.Contracts.Classification;
using HybridInference.Contracts.OpenAi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HybridInference.Classifier.Api;

/// <summary><c>POST /v1/classify</c>, <c>POST /v1/redact</c> and <c>GET /v1/models</c>.</summary>
internal static class ClassifyApi
{
    public static IEndpointRouteBuilder MapClassifyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/classify", ClassifyAsync);
        app.MapPost("/v1/redact", RedactAsync);
        app.MapGet("/v1/models", (ClassifierModels models) => TypedResults.Ok(new ModelList(models.Descriptions.ToList())));
        return app;
    }

    private static async Task<Results<Ok<ClassifyResponse>, OpenAiErrorResult>> ClassifyAsync(
        HttpRequest request, ClassificationService service, IOptions<ClassifierOptions> options, CancellationToken cancellationToken)
    {
        var parsed = await ClassifyRequestReader.ReadAsync(request, options.Value.MaxInputs, cancellationToken);
        if (parsed.Error is { } error)
        {
            return error;
        }
        var response = await service.ClassifyAsync(parsed.Inputs, parsed.Domain, parsed.Guard, parsed.Pii, cancellationToken);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<RedactResponse>, OpenAiErrorResult>> RedactAsync(
        HttpRequest request, IOptions<ClassifierOptions> options, CancellationToken cancellationToken)
    {
        var parsed = await ClassifyRequestReader.ReadAsync(request, options.Value.MaxInputs, cancellationToken);
        if (parsed.Error is { } error)
        {
            return error;
        }
        var results = new List<RedactResult>(parsed.Inputs.Count);
        foreach (var text in parsed.Inputs)
        {
            var spans = PiiDetector.Detect(text);
            results.Add(new RedactResult(PiiRedactor.Redact(text, spans), spans));
        }
        return TypedResults.Ok(new RedactResponse(results));
    }
}

/// <summary>Body of <c>GET /v1/models</c>.</summary>
internal sealed record ModelList(IReadOnlyList<ModelDescription> Data)
{
    public string Object => "list";
}

/// <summary>Body of <c>POST /v1/redact</c>: one result per input.</summary>
internal sealed record RedactResponse(IReadOnlyList<RedactResult> Results);

/// <summary>A text with its PII replaced by typed placeholders, and the spans found in the original.</summary>
internal sealed record RedactResult(string Text, IReadOnlyList<PiiSpan> Pii);
