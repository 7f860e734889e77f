namespace HybridInference.Simulator.Engine;

/// <summary>The text an engine produces for one request, already split into the tokens a stream sends.</summary>
/// <param name="Text">The whole output.</param>
/// <param name="Tokens">Each token's range in <paramref name="Text"/>; their count is the completion's token count.</param>
/// <param name="FinishReason"><c>stop</c> when the answer ended, <c>length</c> when <c>max_tokens</c> cut it.</param>
internal sealed record GeneratedAnswer(string Text, List<Range> Tokens, string FinishReason)
{
    public const string Stop = "stop";
    public const string Length = "length";
}
