using System.Net;
using System.Text.Json.Nodes;

namespace HybridInference.Simulator.Tests.Completions;

public sealed class CompletionsTests
{
    [Fact]
    public async Task Completion_continues_the_prompt_deterministically_with_true_usage()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();

        using var first = await client.PostJsonAsync("/v1/completions", Body("Once upon a time", maxTokens: 9));
        using var second = await client.PostJsonAsync("/v1/completions", Body("Once upon a time", maxTokens: 9));
        var completion = await first.ReadJsonAsync();

        var choice = completion.GetProperty("choices")[0];
        var text = choice.GetProperty("text").GetString()!;
        Assert.Equal("text_completion", completion.GetProperty("object").GetString());
        Assert.StartsWith("cmpl-", completion.GetProperty("id").GetString());
        Assert.StartsWith(" ", text);
        Assert.Equal(9, completion.Usage("completion_tokens"));
        Assert.Equal(Tokens.Count(text), completion.Usage("completion_tokens"));
        Assert.Equal(Tokens.Count("Once upon a time"), completion.Usage("prompt_tokens"));
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(text, (await second.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Completion_stream_sends_text_tokens_usage_and_done()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        using var whole = await client.PostJsonAsync("/v1/completions", Body(["In a hole"]));
        var expected = (await whole.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("text").GetString()!;

        var body = Body(["In a hole"]);
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };
        using var response = await client.PostJsonAsync("/v1/completions", body);
        var stream = await ServerSentEvents.ReadAsync(response);

        Assert.True(stream.Done);
        var texts = stream.Events.Take(stream.Events.Count - 2).Select(chunk => chunk.GetProperty("choices")[0].GetProperty("text").GetString()).ToList();
        Assert.Equal(64, texts.Count);
        Assert.Equal(expected, string.Concat(texts));
        Assert.Equal("stop", stream.Events[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(64, stream.Events[^1].Usage("completion_tokens"));
        Assert.All(stream.Events, chunk => Assert.Equal("text_completion", chunk.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task Completion_without_prompt_is_a_bad_request()
    {
        await using var factory = new SimulatorFactory();

        using var response = await factory.CreateClient().PostJsonAsync("/v1/completions", new JsonObject { ["model"] = SimulatorFactory.Model });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("prompt", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("param").GetString());
    }

    private static JsonObject Body(JsonNode prompt, int? maxTokens = null)
    {
        var body = new JsonObject { ["model"] = SimulatorFactory.Model, ["prompt"] = prompt };
        if (maxTokens is { } max)
        {
            body["max_tokens"] = max;
        }
        return body;
    }

    private static JsonObject Body(string[] prompt) => Body(new JsonArray([.. prompt.Select(p => (JsonNode)p)]));
}
