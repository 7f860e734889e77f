using HybridInference.Contracts.OpenAi;
using HybridInference.Simulator.Engine;
using HybridInference.Simulator.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Simulator.Completions;

/// <summary><c>POST /v1/completions</c>, the legacy text API: the answer continues the prompt.</summary>
internal static class CompletionsApi
{
    public static IEndpointRouteBuilder MapCompletionsApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/completions", CreateAsync);
        return api;
    }

    private static async Task<Results<GenerationResult, OpenAiErrorResult>> CreateAsync(
        HttpRequest request, GenerationPlanner planner, CancellationToken cancellationToken)
    {
        var arrivedAt = planner.Now();
        var (body, invalid) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.CompletionRequest, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }
        if (string.IsNullOrEmpty(body.Model))
        {
            return OpenAiErrors.MissingField("model");
        }
        if (body.Prompt is null)
        {
            return OpenAiErrors.MissingField("prompt");
        }
        if (body.Prompt.Length != 1)
        {
            return OpenAiErrors.InvalidRequest("The simulator takes one prompt per request.", "prompt");
        }
        if (planner.CheckModel(body.Model, body.MaxTokens, "max_tokens", out var modelIndex) is { } refused)
        {
            return refused;
        }

        var prompt = body.Prompt[0];
        var promptTokens = planner.Tokens.Count(prompt);
        if (planner.CheckContext(promptTokens, body.MaxTokens, "max_tokens") is { } tooLong)
        {
            return tooLong;
        }

        var seed = new PromptHash().Add(body.Model).Add(prompt).Value;
        var answer = planner.Answers.Generate(seed, AnswerStart.MidSentence, body.MaxTokens);
        return planner.Run(TextCompletionFormat.Instance, body.Model, modelIndex, promptTokens, answer, body.Stream == true, body.StreamOptions, arrivedAt);
    }
}
