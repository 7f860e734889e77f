using HybridInference.Simulator.Engine;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Tests.Engine;

public sealed class AnswerGeneratorTests
{
    private static readonly TokenCounter Counter = new();
    private static readonly Vocabulary Words = new(Counter);
    private static readonly AnswerGenerator Answers = new(Words, Counter, Options.Create(new SimulatorOptions { DefaultMaxTokens = 48 }));

    [Fact]
    public void Vocabulary_keeps_only_single_token_words_and_enough_of_them()
    {
        Assert.True(Words.Count >= 200, $"Only {Words.Count} words survived.");
        for (var i = 0; i < Words.Count; i++)
        {
            Assert.Equal(1, Tokens.Count(Words.Lower[i]));
            Assert.Equal(1, Tokens.Count(Words.Capitalized[i]));
            Assert.Equal(1, Tokens.Count(Words.Initial[i]));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Answers_have_exactly_the_budget_in_true_tokens_for_any_seed(bool freshAnswer)
    {
        var start = freshAnswer ? AnswerStart.Answer : AnswerStart.MidSentence;
        for (ulong seed = 0; seed < 200; seed++)
        {
            var answer = Answers.Generate(seed * 0x9E3779B97F4A7C15UL, start, maxTokens: null);

            Assert.Equal(48, answer.Tokens.Count);
            Assert.Equal(48, Tokens.Count(answer.Text));
            Assert.Equal(answer.Text, string.Concat(answer.Tokens.Select(range => answer.Text[range])));
        }
    }

    [Fact]
    public void Continuing_any_prefix_of_an_answer_completes_it_exactly()
    {
        var full = Answers.Generate(42, AnswerStart.Answer, maxTokens: null).Text;
        for (var cut = 0; cut <= full.Length; cut++)
        {
            Assert.Equal(full, full[..cut] + Answers.Continue(42, full[..cut], maxTokens: null).Text);
        }
    }
}
