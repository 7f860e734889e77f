using System.Net;
using System.Text.Json.Nodes;
using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Chat;

/// <summary>vLLM's <c>continue_final_message</c>, which lets a Router resume a broken stream on another replica.</summary>
public sealed class ContinuationTests
{
    private const string Question = "How do I resume a stream?";

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(33)]
    [InlineData(63)]
    public async Task Prefix_of_streamed_tokens_plus_continuation_is_the_full_answer(int tokensAlreadySent)
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        using var streamResponse = await client.PostJsonAsync("/v1/chat/completions", ChatBody(Question, stream: true));
        var tokens = (await ServerSentEvents.ReadAsync(streamResponse)).ChatDeltas();
        var full = string.Concat(tokens);
        var prefix = string.Concat(tokens.Take(tokensAlreadySent));

        using var response = await client.PostJsonAsync("/v1/chat/completions", Continue(prefix));
        var continuation = await response.ReadJsonAsync();

        Assert.Equal(full, prefix + continuation.Content());
        Assert.Equal(64 - tokensAlreadySent, continuation.Usage("completion_tokens"));
        Assert.Equal(Tokens.Count(continuation.Content()), continuation.Usage("completion_tokens"));
        Assert.Equal(Tokens.Count(Question) + Tokens.Count(prefix), continuation.Usage("prompt_tokens"));
        Assert.Equal("stop", continuation.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Prefix_ending_inside_a_word_is_completed_seamlessly()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        var full = await FullAnswerAsync(client);
        var cut = full.IndexOf(' ', 20) + 3;

        using var response = await client.PostJsonAsync("/v1/chat/completions", Continue(full[..cut]));

        Assert.Equal(full, full[..cut] + (await response.ReadJsonAsync()).Content());
    }

    [Fact]
    public async Task Streamed_continuation_with_max_tokens_gives_the_next_tokens()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        using var streamResponse = await client.PostJsonAsync("/v1/chat/completions", ChatBody(Question, stream: true));
        var tokens = (await ServerSentEvents.ReadAsync(streamResponse)).ChatDeltas();

        var body = Continue(string.Concat(tokens.Take(10)));
        body["max_tokens"] = 5;
        body["stream"] = true;
        using var response = await client.PostJsonAsync("/v1/chat/completions", body);
        var continuation = await ServerSentEvents.ReadAsync(response);

        Assert.Equal(tokens.Skip(10).Take(5), continuation.ChatDeltas());
        Assert.Equal("length", continuation.Events[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Foreign_prefix_gets_a_deterministic_continuation()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        const string prefix = "Zebras rarely configure Kubernetes ";

        using var first = await client.PostJsonAsync("/v1/chat/completions", Continue(prefix));
        using var second = await client.PostJsonAsync("/v1/chat/completions", Continue(prefix));
        var continuation = await first.ReadJsonAsync();

        var text = continuation.Content();
        Assert.NotEmpty(text);
        Assert.False(char.IsWhiteSpace(text[0]), "The prefix already ends with a space.");
        Assert.Equal(text, (await second.ReadJsonAsync()).Content());
        Assert.Equal(Tokens.Count(text), continuation.Usage("completion_tokens"));
        Assert.Equal(64 - Tokens.Count(prefix), continuation.Usage("completion_tokens"));
    }

    [Fact]
    public async Task Continue_final_message_requires_add_generation_prompt_false()
    {
        await using var factory = new SimulatorFactory();
        var body = Continue("Partial");
        body.Remove("add_generation_prompt");

        using var response = await factory.CreateClient().PostJsonAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("continue_final_message", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Continue_final_message_after_a_user_message_answers_normally()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        var body = ChatBody(Question);
        body["continue_final_message"] = true;
        body["add_generation_prompt"] = false;

        using var response = await client.PostJsonAsync("/v1/chat/completions", body);

        Assert.Equal(await FullAnswerAsync(client), (await response.ReadJsonAsync()).Content());
    }

    private static JsonObject Continue(string prefix)
    {
        var body = ChatBody(Question);
        body["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = prefix });
        body["continue_final_message"] = true;
        body["add_generation_prompt"] = false;
        return body;
    }

    private static async Task<string> FullAnswerAsync(HttpClient client)
    {
        using var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody(Question));
        return (await response.ReadJsonAsync()).Content();
    }
}
