using System.Text;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// Produces an answer that is a pure function of its seed (a hash of model and prompt): the full answer is the
/// first <see cref="SimulatorOptions.DefaultMaxTokens"/> pieces of a <see cref="WordStream"/>, and
/// <c>max_tokens</c> cuts it shorter.
/// </summary>
internal sealed class AnswerGenerator(Vocabulary vocabulary, TokenCounter tokens, IOptions<SimulatorOptions> options)
{
    private readonly int _fullLength = options.Value.DefaultMaxTokens;

    public GeneratedAnswer Generate(ulong seed, AnswerStart start, int? maxTokens)
    {
        var stream = new WordStream(vocabulary, seed, start);
        return Produce(ref stream, firstPiece: null, _fullLength, maxTokens);
    }

    /// <summary>
    /// vLLM's <c>continue_final_message</c>: the model carries on from a partial assistant message
    /// (<paramref name="prefix"/>) instead of starting a new one. When the prefix is the beginning of the answer this
    /// engine gives for the conversation without it (<paramref name="seed"/>), the result is the rest of that answer,
    /// so prefix + continuation equals the full answer: a Router can resume a broken stream on another replica and
    /// the client never notices. Any other prefix gets a deterministic continuation of its own that completes the
    /// full answer's token budget.
    /// </summary>
    public GeneratedAnswer Continue(ulong seed, string prefix, int? maxTokens)
    {
        var stream = new WordStream(vocabulary, seed, AnswerStart.Answer);
        var consumed = 0;
        var matched = 0;
        string? remainder = null;
        while (matched < prefix.Length)
        {
            var piece = stream.Next();
            var rest = prefix.AsSpan(matched);
            if (rest.StartsWith(piece, StringComparison.Ordinal))
            {
                matched += piece.Length;
                consumed++;
            }
            else if (piece.AsSpan().StartsWith(rest, StringComparison.Ordinal))
            {
                // The prefix ends inside this piece: its tail is the first thing to send.
                remainder = piece[rest.Length..];
                break;
            }
            else
            {
                return ContinueForeign(seed, prefix, maxTokens);
            }
        }
        return Produce(ref stream, remainder, Math.Max(_fullLength - consumed, 0), maxTokens);
    }

    private GeneratedAnswer ContinueForeign(ulong seed, string prefix, int? maxTokens)
    {
        var stream = new WordStream(vocabulary, new PromptHash().Add(seed).Add(prefix).Value, AnswerStart.MidSentence);
        var first = stream.Next();
        if (char.IsWhiteSpace(prefix[^1]) && first.StartsWith(' '))
        {
            first = first[1..];
        }
        return Produce(ref stream, first, Math.Max(_fullLength - tokens.Count(prefix), 0), maxTokens);
    }

    private GeneratedAnswer Produce(ref WordStream stream, string? firstPiece, int remaining, int? maxTokens)
    {
        var limit = maxTokens is { } max && max < remaining ? max : remaining;
        var text = new StringBuilder(limit * 8);
        var pieces = 0;
        if (firstPiece is { Length: > 0 } && limit > 0)
        {
            text.Append(firstPiece);
            pieces++;
        }
        for (; pieces < limit; pieces++)
        {
            text.Append(stream.Next());
        }

        var output = text.ToString();
        var ranges = new List<Range>(limit + 1);
        tokens.Split(output, ranges);
        var cut = limit < remaining;
        if (maxTokens is { } cap && ranges.Count > cap)
        {
            // Only a partial first piece can tokenize into more than one token; max_tokens counts true tokens.
            ranges.RemoveRange(cap, ranges.Count - cap);
            output = output[..ranges[^1].End];
            cut = true;
        }
        return new GeneratedAnswer(output, ranges, cut ? GeneratedAnswer.Length : GeneratedAnswer.Stop);
    }
}
