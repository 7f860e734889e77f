namespace HybridInference.Simulator.Engine;

/// <summary>One validated text-generation request, with its answer already decided.</summary>
/// <param name="Id">The completion's id (<c>chatcmpl-…</c>, <c>cmpl-…</c>).</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="Model">The model name as requested.</param>
/// <param name="ModelIndex">The model's index in the <see cref="ModelCatalog"/>.</param>
/// <param name="PromptTokens">True token count of the prompt.</param>
/// <param name="Answer">What the engine will produce.</param>
/// <param name="Stream">Server-sent events instead of one JSON body.</param>
/// <param name="IncludeUsage">Streams end with a usage chunk.</param>
/// <param name="ArrivedAt">When the request arrived (<see cref="TimeProvider.GetTimestamp"/>), for latency metrics.</param>
internal sealed record GenerationJob(
    string Id,
    long Created,
    string Model,
    int ModelIndex,
    int PromptTokens,
    GeneratedAnswer Answer,
    bool Stream,
    bool IncludeUsage,
    long ArrivedAt)
{
    public int CompletionTokens => Answer.Tokens.Count;
}
