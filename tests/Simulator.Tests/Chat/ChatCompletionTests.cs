using System.Net;
using System.Text.Json;
using OpenAI.Chat;
using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Chat;

public sealed class ChatCompletionTests
{
    [Fact]
    public async Task Answer_is_a_pure_function_of_model_and_messages()
    {
        var settings = new Dictionary<string, string?> { ["Simulator:Models:1"] = "other-model" };
        await using var first = new SimulatorFactory(settings);
        await using var second = new SimulatorFactory(settings);
        var client = first.CreateClient();

        var answer = await ContentAsync(client, ChatBody("What is a KV cache?"));
        Assert.Equal(answer, await ContentAsync(client, ChatBody("What is a KV cache?")));
        Assert.Equal(answer, await ContentAsync(second.CreateClient(), ChatBody("What is a KV cache?")));
        Assert.NotEqual(answer, await ContentAsync(client, ChatBody("What is a page table?")));
        Assert.NotEqual(answer, await ContentAsync(client, ChatBody("What is a KV cache?", model: "other-model")));
    }

    [Fact]
    public async Task Usage_is_the_tokenizers_count_of_prompt_and_answer()
    {
        await using var factory = new SimulatorFactory();
        var body = ChatBody("Explain paged attention in two sentences, please.");
        body["messages"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject { ["role"] = "system", ["content"] = "You are terse." });

        using var response = await factory.CreateClient().PostJsonAsync("/v1/chat/completions", body);
        var completion = await response.ReadJsonAsync();

        var content = completion.Content();
        Assert.Equal(Tokens.Count("You are terse.") + Tokens.Count("Explain paged attention in two sentences, please."), completion.Usage("prompt_tokens"));
        Assert.Equal(Tokens.Count(content), completion.Usage("completion_tokens"));
        Assert.Equal(64, completion.Usage("completion_tokens"));
        Assert.Equal(completion.Usage("prompt_tokens") + 64, completion.Usage("total_tokens"));
        Assert.Equal("stop", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.StartsWith("chatcmpl-", completion.GetProperty("id").GetString());
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.Equal(SimulatorFactory.Model, completion.GetProperty("model").GetString());
        Assert.True(completion.GetProperty("created").GetInt64() > 0);
    }

    [Fact]
    public async Task Max_tokens_cuts_the_same_answer_short_with_finish_reason_length()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:DefaultMaxTokens"] = "20" });
        var client = factory.CreateClient();

        var full = await ContentAsync(client, ChatBody("Tell me about queues."));
        using var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody("Tell me about queues.", maxTokens: 7));
        var cut = await response.ReadJsonAsync();

        Assert.Equal(20, Tokens.Count(full));
        Assert.Equal(7, cut.Usage("completion_tokens"));
        Assert.StartsWith(cut.Content(), full);
        Assert.Equal("length", cut.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Max_completion_tokens_is_honoured_like_max_tokens()
    {
        await using var factory = new SimulatorFactory();
        var body = ChatBody("Short, please.");
        body["max_completion_tokens"] = 3;

        using var response = await factory.CreateClient().PostJsonAsync("/v1/chat/completions", body);

        Assert.Equal(3, (await response.ReadJsonAsync()).Usage("completion_tokens"));
    }

    [Fact]
    public async Task Stream_opens_with_the_role_sends_one_token_per_chunk_and_ends_with_usage_and_done()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        var expected = await ContentAsync(client, ChatBody("Stream this."));

        using var response = await client.PostJsonAsync("/v1/chat/completions", ChatBody("Stream this.", stream: true, includeUsage: true));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await ServerSentEvents.ReadAsync(response);

        Assert.True(stream.Done);
        Assert.False(stream.Broken);
        var events = stream.Events;
        var opening = events[0].GetProperty("choices")[0];
        Assert.Equal("assistant", opening.GetProperty("delta").GetProperty("role").GetString());
        var deltas = stream.ChatDeltas();
        Assert.Equal(expected, string.Concat(deltas));
        Assert.Equal(Tokens.Count(expected), deltas.Count);
        Assert.Equal(events.Count, deltas.Count + 3);

        var finish = events[^2].GetProperty("choices")[0];
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        var usage = events[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(deltas.Count, usage.Usage("completion_tokens"));
        Assert.Equal(Tokens.Count("Stream this."), usage.Usage("prompt_tokens"));
        foreach (var chunk in events)
        {
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal(events[0].GetProperty("id").GetString(), chunk.GetProperty("id").GetString());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task Stream_without_include_usage_has_no_usage_chunk(bool? includeUsage)
    {
        await using var factory = new SimulatorFactory();

        using var response = await factory.CreateClient().PostJsonAsync("/v1/chat/completions", ChatBody("No usage.", maxTokens: 5, stream: true, includeUsage: includeUsage));
        var stream = await ServerSentEvents.ReadAsync(response);

        Assert.True(stream.Done);
        Assert.Equal(1 + 5 + 1, stream.Events.Count);
        Assert.Equal("length", stream.Events[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.DoesNotContain(stream.Events, chunk => chunk.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task Content_parts_count_as_their_text()
    {
        await using var factory = new SimulatorFactory();
        var body = ChatBody("placeholder");
        body["messages"]![0]!["content"] = JsonNodeFrom("""[{"type":"text","text":"Describe"},{"type":"image_url","image_url":{"url":"data:,"}},{"type":"text","text":"this picture."}]""");

        using var response = await factory.CreateClient().PostJsonAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Tokens.Count("Describe\nthis picture."), (await response.ReadJsonAsync()).Usage("prompt_tokens"));
    }

    [Fact]
    public async Task Official_sdk_reads_answers_and_streams()
    {
        await using var factory = new SimulatorFactory();
        var chat = factory.CreateOpenAiClient().GetChatClient(SimulatorFactory.Model);
        ChatMessage[] messages = [new SystemChatMessage("Be brief."), new UserChatMessage("What does a router do?")];

        ChatCompletion completion = await chat.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 12 });
        var text = completion.Content[0].Text;
        Assert.Equal(12, completion.Usage.OutputTokenCount);
        Assert.Equal(Tokens.Count(text), completion.Usage.OutputTokenCount);
        Assert.Equal(Tokens.Count("Be brief.") + Tokens.Count("What does a router do?"), completion.Usage.InputTokenCount);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);

        var streamed = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 12 }))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }
        Assert.Equal(text, streamed.ToString());
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.Equal(12, usage?.OutputTokenCount);
    }

    private static async Task<string> ContentAsync(HttpClient client, System.Text.Json.Nodes.JsonObject body)
    {
        using var response = await client.PostJsonAsync("/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).Content();
    }

    private static System.Text.Json.Nodes.JsonNode JsonNodeFrom(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!;
}
