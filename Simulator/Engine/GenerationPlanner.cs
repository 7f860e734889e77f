using HybridInference.Contracts.OpenAi;
using HybridInference.Simulator.Protocol;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Engine;

/// <summary>The checks and bookkeeping chat, legacy completions and responses share, from a parsed request to a runnable job.</summary>
internal sealed class GenerationPlanner(
    ModelCatalog models,
    TokenCounter tokens,
    AnswerGenerator answers,
    InferenceEngine engine,
    IOptions<SimulatorOptions> options)
{
    private readonly int _maxModelLen = options.Value.MaxModelLen;

    public TokenCounter Tokens => tokens;

    public AnswerGenerator Answers => answers;

    public long Now() => engine.Time.GetTimestamp();

    /// <summary>The model is served, and <c>max_tokens</c> (when given) is positive.</summary>
    public OpenAiErrorResult? CheckModel(string model, int? maxTokens, string maxTokensField, out int modelIndex)
    {
        modelIndex = -1;
        if (maxTokens < 1)
        {
            return OpenAiErrors.InvalidRequest($"'{maxTokensField}' must be at least 1, got {maxTokens}.", maxTokensField);
        }
        return models.TryGetIndex(model, out modelIndex) ? null : OpenAiErrors.ModelNotFound(model);
    }

    /// <summary>vLLM refuses a prompt plus <c>max_tokens</c> longer than the model's context.</summary>
    public OpenAiErrorResult? CheckContext(int promptTokens, int? maxTokens, string maxTokensField)
    {
        var requested = promptTokens + (maxTokens ?? 0);
        return requested <= _maxModelLen && promptTokens < _maxModelLen
            ? null
            : OpenAiErrors.InvalidRequest(
                $"This model's maximum context length is {_maxModelLen} tokens. However, you requested {requested} tokens " +
                $"({promptTokens} in the messages, {maxTokens ?? 0} in the completion). Please reduce the length of the messages or completion.",
                maxTokens is null ? "messages" : maxTokensField);
    }

    public GenerationResult Run(
        AnswerFormat format, string model, int modelIndex, int promptTokens, GeneratedAnswer answer,
        bool stream, StreamOptions? streamOptions, long arrivedAt)
    {
        var job = new GenerationJob(
            format.IdPrefix + Guid.NewGuid().ToString("N"),
            engine.Time.GetUtcNow().ToUnixTimeSeconds(),
            model,
            modelIndex,
            promptTokens,
            answer,
            stream,
            stream && streamOptions?.IncludeUsage == true,
            arrivedAt);
        return new GenerationResult(job, format, engine);
    }
}
