using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using static HybridInference.Simulator.Tests.SimulatorCalls;

namespace HybridInference.Simulator.Tests.Access;

public sealed class ApiKeyTests
{
    private const string Key = "sk-cloud-test";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer sk-wrong")]
    [InlineData("Basic c2stY2xvdWQtdGVzdA==")]
    public async Task Api_without_the_configured_key_answers_401_in_openai_shape(string? authorization)
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:ApiKey"] = Key });
        var client = factory.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var chat = await client.PostJsonAsync("/v1/chat/completions", ChatBody("hi"));
        using var models = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, chat.StatusCode);
        var error = (await chat.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
    }

    [Fact]
    public async Task Right_key_is_served_while_health_and_metrics_stay_open()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:ApiKey"] = Key });
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var chat = await client.PostJsonAsync("/v1/chat/completions", ChatBody("hi"));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    [Fact]
    public async Task Admin_api_needs_the_key_too_and_answers_problem_details()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:ApiKey"] = Key });
        var client = factory.CreateClient();

        using var refused = await client.DeleteAsync("/admin/faults");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var allowed = await client.GetAsync("/admin/faults");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Official_sdk_sees_401_for_a_wrong_key_and_is_served_with_the_right_one()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:ApiKey"] = Key });

        var refused = await Assert.ThrowsAsync<ClientResultException>(() =>
            factory.CreateOpenAiClient("sk-nope").GetChatClient(SimulatorFactory.Model).CompleteChatAsync("hi"));
        var answer = await factory.CreateOpenAiClient(Key).GetChatClient(SimulatorFactory.Model).CompleteChatAsync("hi");

        Assert.Equal(401, refused.Status);
        Assert.NotEmpty(answer.Value.Content[0].Text);
    }
}
