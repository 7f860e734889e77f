using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Chat;

public sealed class RequestErrorTests
{
    [Theory]
    [InlineData("{not json", null)]
    [InlineData("", null)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"test-model"}""", "messages")]
    [InlineData("""{"model":"test-model","messages":[]}""", "messages")]
    [InlineData("""{"model":"test-model","messages":"hi"}""", null)]
    [InlineData("""{"model":"test-model","messages":[{"content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"test-model","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"test-model","max_tokens":40000,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    public async Task Bad_chat_requests_answer_400_in_openai_shape(string body, string? param)
    {
        await using var factory = new SimulatorFactory();

        using var response = await factory.CreateClient().PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.True(error.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Unknown_model_answers_404_model_not_found()
    {
        await using var factory = new SimulatorFactory();

        using var response = await factory.CreateClient().PostJsonAsync("/v1/chat/completions", ChatBody("hi", model: "gpt-9"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains("gpt-9", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Official_sdk_sees_404_for_an_unknown_model()
    {
        await using var factory = new SimulatorFactory();

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            factory.CreateOpenAiClient().GetChatClient("gpt-9").CompleteChatAsync("hi"));

        Assert.Equal(404, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content);
        Assert.Equal("model_not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
