using System.ClientModel;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using OpenAI.Responses;
using static HybridInference.Simulator.Tests.SimulatorCalls;

// The SDK's Responses client is marked experimental (OPENAI001); it is what newer OpenAI clients call.
#pragma warning disable OPENAI001

namespace HybridInference.Simulator.Tests.Responses;

public sealed class ResponsesTests
{
    private const string Instructions = "You are terse.";
    private const string Question = "Explain paged attention in two sentences, please.";

    [Fact]
    public async Task Sdk_gets_a_completed_response_with_one_output_text_and_true_usage()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateOpenAiClient().GetResponsesClient();

        ResponseResult response = await client.CreateResponseAsync(NewOptions());

        Assert.StartsWith("resp_", response.Id);
        Assert.Equal("response", response.Object);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(SimulatorFactory.Model, response.Model);
        Assert.Null(response.Error);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.Equal(MessageStatus.Completed, message.Status);
        var part = Assert.Single(message.Content);
        Assert.Equal(ResponseContentPartKind.OutputText, part.Kind);
        var text = response.GetOutputText();
        Assert.Equal(text, part.Text);
        Assert.Equal(Tokens.Count(Instructions) + Tokens.Count(Question), response.Usage.InputTokenCount);
        Assert.Equal(64, response.Usage.OutputTokenCount);
        Assert.Equal(Tokens.Count(text), response.Usage.OutputTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + 64, response.Usage.TotalTokenCount);
        Assert.Equal(0f, response.Temperature);
    }

    [Fact]
    public async Task Instructions_and_input_get_the_answer_chat_gives_the_same_conversation()
    {
        await using var factory = new SimulatorFactory();
        var openAi = factory.CreateOpenAiClient();

        ResponseResult response = await openAi.GetResponsesClient().CreateResponseAsync(NewOptions());
        ChatCompletion chat = await openAi.GetChatClient(SimulatorFactory.Model)
            .CompleteChatAsync([new SystemChatMessage(Instructions), new UserChatMessage(Question)]);

        Assert.Equal(chat.Content[0].Text, response.GetOutputText());
        Assert.Equal(chat.Usage.InputTokenCount, response.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Sdk_stream_sends_the_documented_events_in_order_and_completes_with_usage()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateOpenAiClient().GetResponsesClient();
        ResponseResult whole = await client.CreateResponseAsync(NewOptions());

        var updates = new List<StreamingResponseUpdate>();
        await StreamAsync(client, NewOptions(), updates);

        var deltas = updates.OfType<StreamingResponseOutputTextDeltaUpdate>().ToList();
        Assert.Equal(64, deltas.Count);
        Assert.Equal(
            [StreamingResponseUpdateKind.ResponseCreated, StreamingResponseUpdateKind.ResponseInProgress,
             StreamingResponseUpdateKind.ResponseOutputItemAdded, StreamingResponseUpdateKind.ResponseContentPartAdded,
             .. Enumerable.Repeat(StreamingResponseUpdateKind.ResponseOutputTextDelta, deltas.Count),
             StreamingResponseUpdateKind.ResponseOutputTextDone, StreamingResponseUpdateKind.ResponseContentPartDone,
             StreamingResponseUpdateKind.ResponseOutputItemDone, StreamingResponseUpdateKind.ResponseCompleted],
            updates.Select(update => update.Kind));
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(update => update.SequenceNumber));
        Assert.Equal(whole.GetOutputText(), string.Concat(deltas.Select(delta => delta.Delta)));

        var created = Assert.IsType<StreamingResponseCreatedUpdate>(updates[0]).Response;
        Assert.Equal(ResponseStatus.InProgress, created.Status);
        Assert.Empty(created.OutputItems);
        var added = Assert.IsType<StreamingResponseOutputItemAddedUpdate>(updates[2]);
        Assert.All(deltas, delta => Assert.Equal(added.Item.Id, delta.ItemId));
        Assert.Equal(whole.GetOutputText(), Assert.IsType<StreamingResponseOutputTextDoneUpdate>(updates[^4]).Text);
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]).Response;
        Assert.Equal(created.Id, completed.Id);
        Assert.Equal(ResponseStatus.Completed, completed.Status);
        Assert.Equal(whole.GetOutputText(), completed.GetOutputText());
        Assert.Equal(whole.Usage.InputTokenCount, completed.Usage.InputTokenCount);
        Assert.Equal(64, completed.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Max_output_tokens_cuts_the_answer_and_the_response_is_incomplete()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateOpenAiClient().GetResponsesClient();
        ResponseResult full = await client.CreateResponseAsync(NewOptions());
        var options = NewOptions();
        options.MaxOutputTokenCount = 5;

        ResponseResult cut = await client.CreateResponseAsync(options);
        var updates = new List<StreamingResponseUpdate>();
        await StreamAsync(client, NewOptions(maxOutputTokens: 5), updates);

        Assert.Equal(ResponseStatus.Incomplete, cut.Status);
        Assert.Equal(ResponseIncompleteStatusReason.MaxOutputTokens, cut.IncompleteStatusDetails.Reason);
        Assert.Equal(5, cut.MaxOutputTokenCount);
        Assert.Equal(5, cut.Usage.OutputTokenCount);
        Assert.StartsWith(cut.GetOutputText(), full.GetOutputText());
        var incomplete = Assert.IsType<StreamingResponseIncompleteUpdate>(updates[^1]).Response;
        Assert.Equal(ResponseStatus.Incomplete, incomplete.Status);
        Assert.Equal(5, incomplete.Usage.OutputTokenCount);
        Assert.Equal(5, updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Count());
    }

    [Fact]
    public async Task String_input_is_one_user_message_and_each_event_is_named_as_its_type_without_done()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();
        var body = new JsonObject { ["model"] = SimulatorFactory.Model, ["input"] = "Hello there.", ["max_output_tokens"] = 4 };

        using var json = await client.PostJsonAsync("/v1/responses", body);
        var response = await json.ReadJsonAsync();
        body["stream"] = true;
        using var streamed = await client.PostJsonAsync("/v1/responses", body);
        var stream = await NamedServerSentEvents.ReadAsync(streamed);

        Assert.Equal(Tokens.Count("Hello there."), response.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType!.MediaType);
        Assert.False(stream.SawDone);
        Assert.All(stream.Events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        Assert.Equal(response.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(),
            stream.Events[^1].Data.GetProperty("response").GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"input":"hi"}""", HttpStatusCode.BadRequest, "model", null)]
    [InlineData("""{"model":"test-model"}""", HttpStatusCode.BadRequest, "input", null)]
    [InlineData("""{"model":"test-model","input":[]}""", HttpStatusCode.BadRequest, "input", null)]
    [InlineData("""{"model":"nope","input":"hi"}""", HttpStatusCode.NotFound, "model", "model_not_found")]
    [InlineData("""{"model":"test-model","input":"hi","max_output_tokens":0}""", HttpStatusCode.BadRequest, "max_output_tokens", null)]
    [InlineData("""{"model":"test-model","input":"hi","temperature":2.5}""", HttpStatusCode.BadRequest, "temperature", null)]
    [InlineData("""{"model":"test-model","input":"hi","previous_response_id":"resp_1"}""", HttpStatusCode.BadRequest, "previous_response_id", null)]
    [InlineData("""{"model":"test-model","input":[{"type":"function_call_output","call_id":"c","output":"4"}]}""", HttpStatusCode.BadRequest, "input[0].type", null)]
    [InlineData("""{"model":"test-model","input":[{"content":"no role"}]}""", HttpStatusCode.BadRequest, "input[0].role", null)]
    [InlineData("""{"model":"test-model","input":42}""", HttpStatusCode.BadRequest, null, null)]
    public async Task Bad_requests_get_openai_errors_naming_the_field(string body, HttpStatusCode status, string? param, string? code)
    {
        await using var factory = new SimulatorFactory();

        using var response = await factory.CreateClient().PostJsonAsync("/v1/responses", JsonNode.Parse(body)!);

        Assert.Equal(status, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Api_key_is_required_as_for_chat()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:ApiKey"] = "sk-sim" });

        var refused = await Assert.ThrowsAsync<ClientResultException>(() =>
            factory.CreateOpenAiClient("sk-wrong").GetResponsesClient().CreateResponseAsync(NewOptions()));
        ResponseResult served = await factory.CreateOpenAiClient("sk-sim").GetResponsesClient().CreateResponseAsync(NewOptions());

        Assert.Equal(401, refused.Status);
        Assert.Equal(ResponseStatus.Completed, served.Status);
    }

    [Fact]
    public async Task Injected_errors_and_cut_streams_apply_as_for_chat()
    {
        await using var factory = new SimulatorFactory();
        var http = factory.CreateClient();
        var client = factory.CreateOpenAiClient().GetResponsesClient();

        await http.SetFaultsAsync(new { error_rate = 1, error_status = 503 });
        var failed = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync(NewOptions()));
        await http.SetFaultsAsync(new { error_rate = 0, cut_stream_after_tokens = 3 });
        var updates = new List<StreamingResponseUpdate>();
        var broken = await Record.ExceptionAsync(() => StreamAsync(client, NewOptions(), updates));

        Assert.Equal(503, failed.Status);
        Assert.NotNull(broken);
        Assert.Equal(3, updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Count());
        Assert.DoesNotContain(updates, update => update is StreamingResponseCompletedUpdate);
        await Eventually.TrueAsync(async () => await http.MetricAsync("vllm:generation_tokens_total") == 3, "the 3 sent tokens are metered");
    }

    [Fact]
    public async Task Prompt_and_generated_tokens_are_metered_on_the_engine()
    {
        await using var factory = new SimulatorFactory();
        var http = factory.CreateClient();

        ResponseResult response = await factory.CreateOpenAiClient().GetResponsesClient().CreateResponseAsync(NewOptions(maxOutputTokens: 9));

        await Eventually.TrueAsync(async () => await http.MetricAsync("vllm:generation_tokens_total") == 9, "the 9 generated tokens are metered");
        Assert.Equal(response.Usage.InputTokenCount, await http.MetricAsync("vllm:prompt_tokens_total"));
    }

    /// <summary>Reads a stream into <paramref name="updates"/>, which keeps what came before a failure.</summary>
    private static async Task StreamAsync(ResponsesClient client, CreateResponseOptions options, List<StreamingResponseUpdate> updates)
    {
        options.StreamingEnabled = true;
        await foreach (var update in await client.CreateResponseStreamingAsync(options))
        {
            updates.Add(update);
        }
    }

    private static CreateResponseOptions NewOptions(int? maxOutputTokens = null) =>
        new(SimulatorFactory.Model, [ResponseItem.CreateUserMessageItem(Question)])
        {
            Instructions = Instructions,
            Temperature = 0,
            MaxOutputTokenCount = maxOutputTokens,
        };
}
