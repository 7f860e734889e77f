using HybridInference.Contracts.OpenAi;
using HybridInference.Simulator.Engine;
using HybridInference.Simulator.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Simulator.Responses;

/// <summary><c>POST /v1/responses</c>: OpenAI's Responses API, stateless (as vLLM serves it without a store).</summary>
internal static class ResponsesApi
{
    private const string MaxTokensField = "max_output_tokens";

    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/responses", CreateAsync);
        return api;
    }

    private static async Task<Results<GenerationResult, OpenAiErrorResult>> CreateAsync(
        HttpRequest request, GenerationPlanner planner, CancellationToken cancellationToken)
    {
        var arrivedAt = planner.Now();
        var (body, invalid) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.ResponseRequest, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }

        if (string.IsNullOrEmpty(body.Model))
        {
            return OpenAiErrors.MissingField("model");
        }
        if (body.Input is not { Count: > 0 } input)
        {
            return OpenAiErrors.MissingField("input");
        }
        if (body.PreviousResponseId is not null)
        {
            return OpenAiErrors.InvalidRequest(
                "'previous_response_id' is not supported: this server stores no responses; send the conversation in 'input'.",
                "previous_response_id");
        }
        if (body.Temperature is < 0 or > 2)
        {
            return OpenAiErrors.InvalidRequest($"'temperature' must be between 0 and 2, got {body.Temperature}.", "temperature");
        }
        if (planner.CheckModel(body.Model, body.MaxOutputTokens, MaxTokensField, out var modelIndex) is { } refused)
        {
            return refused;
        }

        // Instructions are a system message ahead of the input, so the same conversation sent to chat gets the same answer.
        var conversation = new PromptHash().Add(body.Model);
        var promptTokens = 0;
        if (!string.IsNullOrEmpty(body.Instructions))
        {
            conversation.Add("system").Add(body.Instructions);
            promptTokens += planner.Tokens.Count(body.Instructions);
        }
        for (var i = 0; i < input.Count; i++)
        {
            var item = input[i];
            if (item.Type is not (null or ResponseInputItem.MessageType))
            {
                return OpenAiErrors.InvalidRequest(
                    $"input[{i}] is a '{item.Type}' item; this server reads message items only.", $"input[{i}].type");
            }
            if (string.IsNullOrEmpty(item.Role))
            {
                return OpenAiErrors.InvalidRequest($"input[{i}] has no 'role'.", $"input[{i}].role");
            }
            promptTokens += planner.Tokens.Count(item.Content ?? "");
            conversation.Add(item.Role).Add(item.Content);
        }
        if (planner.CheckContext(promptTokens, body.MaxOutputTokens, MaxTokensField) is { } tooLong)
        {
            return tooLong;
        }

        var answer = planner.Answers.Generate(conversation.Value, AnswerStart.Answer, body.MaxOutputTokens);
        var format = new ResponsesFormat(new ResponseEcho(body.Instructions, body.MaxOutputTokens, body.Temperature ?? 1.0));
        return planner.Run(format, body.Model, modelIndex, promptTokens, answer, body.Stream == true, streamOptions: null, arrivedAt);
    }
}
