using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;

// The SDK's Responses client is marked experimental (OPENAI001); it is what newer OpenAI clients call.
#pragma warning disable OPENAI001

namespace HybridInference.Fabric.Tests;

/// <summary>Gateway v2 end to end: the Responses API through the Router to a Simulator, and the response cache in the fabric's Redis.</summary>
[Collection(FabricCollection.Name)]
public sealed class GatewayTests(FabricFixture fabric)
{
    private const string Model = "qwen2.5-coder-7b-instruct";

    private OpenAIClient Client() => new(new ApiKeyCredential(fabric.DevKey), new OpenAIClientOptions { Endpoint = new Uri(fabric.RouterEndpoint, "/v1") });

    [Fact]
    public async Task A_response_and_a_streamed_response_are_served_by_a_simulator_through_the_router()
    {
        var responses = Client().GetResponsesClient();
        var options = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("Write hello world in C#")]);

        ResponseResult whole = await responses.CreateResponseAsync(options);
        Assert.Equal(ResponseStatus.Completed, whole.Status);
        Assert.False(string.IsNullOrWhiteSpace(whole.GetOutputText()));
        Assert.True(whole.Usage.OutputTokenCount > 0);

        options.StreamingEnabled = true;
        var text = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await responses.CreateResponseStreamingAsync(options))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            else if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }
        Assert.Equal(completed!.GetOutputText(), text.ToString());
        Assert.True(completed.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task A_reproducible_request_is_answered_from_the_cache_the_second_time()
    {
        var chat = Client().GetChatClient(Model);
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 8 };
        var prompt = $"Name a prime number ({Guid.NewGuid():N})";

        var first = await chat.CompleteChatAsync([new UserChatMessage(prompt)], options);
        // The answer is written to Redis without waiting; the next request may come before it lands.
        var hit = await ControlPlaneTests.PollAsync(async () =>
        {
            var again = await chat.CompleteChatAsync([new UserChatMessage(prompt)], options);
            return Header(again.GetRawResponse(), "x-hybrid-cache") == "hit" ? again : null;
        });

        Assert.Equal(first.Value.Content[0].Text, hit.Value.Content[0].Text);
        Assert.NotEqual(first.Value.Id, hit.Value.Id);
    }

    private static string? Header(PipelineResponse response, string name) => response.Headers.TryGetValue(name, out var value) ? value : null;
}
