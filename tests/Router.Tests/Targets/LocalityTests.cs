using System.Net;
using System.Text.Json.Nodes;
using HybridInference.Router.Tests.Infrastructure;
using HybridInference.Router.Tests.OpenAi;

namespace HybridInference.Router.Tests.Targets;

public sealed class LocalityTests
{
    [Theory]
    [InlineData("kept-local", "general-model")]
    [InlineData("local/chat", "general-model")]
    [InlineData("private-model", "private-model")]
    public async Task A_local_route_or_model_never_goes_remote_even_with_every_local_target_down(string model, string servedModel)
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        using var http = TestFabric.Raw(router);
        using (var served = await http.PostAsync("/v1/chat/completions", Body(model)))
        {
            Assert.Equal("alpha", served.Headers.GetValues("x-hybrid-backend").Single());
        }

        fabric.Alpha.FailWithStatus = 500;
        using var refused = await http.PostAsync("/v1/chat/completions", Body(model));

        var error = await OpenAiApiTests.AssertError(refused, HttpStatusCode.ServiceUnavailable, "no_local_backend_available");
        Assert.Contains($"alpha ({servedModel}): HTTP 500", error["message"]!.GetValue<string>());
        Assert.Empty(fabric.Cloud.Requests);
    }

    [Fact]
    public async Task A_local_route_whose_local_circuits_are_open_names_them_in_its_503()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        using var http = TestFabric.Raw(router);
        await fabric.Alpha.KillAsync();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await http.PostAsync("/v1/chat/completions", Body("kept-local"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        using var refused = await http.PostAsync("/v1/chat/completions", Body("kept-local"));
        var error = await OpenAiApiTests.AssertError(refused, HttpStatusCode.ServiceUnavailable, "no_backend_available");
        Assert.Contains("alpha (general-model): circuit open", error["message"]!.GetValue<string>());
        Assert.Empty(fabric.Cloud.Requests);
    }

    [Fact]
    public async Task A_stream_broken_on_a_local_engine_is_not_continued_on_a_remote_openai_backend()
    {
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();
        fabric.Alpha.DieAfterChunks = 3;
        using var http = TestFabric.Raw(router);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OpenAiApiTests.Json("""{"model":"general-model","stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        var last = JsonNode.Parse(events[^1]["data: ".Length..])!;
        Assert.Equal("upstream_failed_mid_stream", last["error"]!["code"]!.GetValue<string>());
        Assert.Empty(fabric.Cloud.Requests);
    }

    private static StringContent Body(string model) =>
        OpenAiApiTests.Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}]}""");
}
