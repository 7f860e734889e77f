using HybridInference.Contracts.OpenAi;
using HybridInference.Simulator.Engine;
using HybridInference.Simulator.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Simulator.Chat;

/// <summary><c>POST /v1/chat/completions</c>, including vLLM's <c>continue_final_message</c>.</summary>
internal static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/chat/completions", CreateAsync);
        return api;
    }

    private static async Task<Results<GenerationResult, OpenAiErrorResult>> CreateAsync(
        HttpRequest request, GenerationPlanner planner, CancellationToken cancellationToken)
    {
        var arrivedAt = planner.Now();
        var (body, invalid) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.ChatCompletionRequest, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }

        var maxTokens = body.MaxCompletionTokens ?? body.MaxTokens;
        var maxTokensField = body.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens";
        if (string.IsNullOrEmpty(body.Model))
        {
            return OpenAiErrors.MissingField("model");
        }
        if (body.Messages is not { Count: > 0 } messages)
        {
            return OpenAiErrors.MissingField("messages");
        }
        if (planner.CheckModel(body.Model, maxTokens, maxTokensField, out var modelIndex) is { } refused)
        {
            return refused;
        }

        var continueFinal = body.ContinueFinalMessage == true;
        if (continueFinal && body.AddGenerationPrompt != false)
        {
            // vLLM's rule: the template cannot both open a new assistant turn and continue the last one.
            return OpenAiErrors.InvalidRequest(
                "Cannot set both `continue_final_message` and `add_generation_prompt` to True (add_generation_prompt defaults to True).",
                "continue_final_message");
        }

        var promptTokens = 0;
        var conversation = new PromptHash().Add(body.Model);
        var continuing = continueFinal && messages[^1].Role == ChatMessage.AssistantRole;
        var seedMessages = continuing ? messages.Count - 1 : messages.Count;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (string.IsNullOrEmpty(message.Role))
            {
                return OpenAiErrors.InvalidRequest($"messages[{i}] has no 'role'.", $"messages[{i}].role");
            }
            promptTokens += planner.Tokens.Count(message.Content ?? "");
            if (i < seedMessages)
            {
                conversation.Add(message.Role).Add(message.Content);
            }
        }
        if (planner.CheckContext(promptTokens, maxTokens, maxTokensField) is { } tooLong)
        {
            return tooLong;
        }

        var answer = continuing
            ? planner.Answers.Continue(conversation.Value, messages[^1].Content ?? "", maxTokens)
            : planner.Answers.Generate(conversation.Value, AnswerStart.Answer, maxTokens);
        return planner.Run(ChatFormat.Instance, body.Model, modelIndex, promptTokens, answer, body.Stream == true, body.StreamOptions, arrivedAt);
    }
}
