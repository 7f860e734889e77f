using System.Net;
using System.Net.Http.Json;

namespace HybridInference.Fabric.Tests;

/// <summary>Routing decisions that need every part of the fabric: the Classifier for <c>auto</c>, the engines for spill-over.</summary>
[Collection(FabricCollection.Name)]
public sealed class RoutingTests(FabricFixture fabric)
{
    [Fact]
    public async Task Auto_sends_a_coding_prompt_to_the_coding_model()
    {
        using var router = fabric.App.CreateHttpClient("router", "http");

        using var response = await ControlPlaneTests.SendChatAsync(router, fabric.DevKey, "auto",
            "Write a Python function that reverses a linked list and explain its time complexity");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("coding", Header(response, "x-hybrid-category"));
        Assert.Equal("qwen2.5-coder-7b-instruct", Header(response, "x-hybrid-model"));
        Assert.False(string.IsNullOrEmpty(Header(response, "x-request-id")));
    }

    [Fact]
    public async Task A_local_engine_that_is_down_spills_over_to_the_remote_backend()
    {
        using var engine = fabric.App.CreateHttpClient("vllm-general", "http");
        using var router = fabric.App.CreateHttpClient("router", "http");
        (await engine.PostAsJsonAsync("/admin/faults", new { down = true })).EnsureSuccessStatusCode();
        try
        {
            using var response = await ControlPlaneTests.SendChatAsync(router, fabric.DevKey, "llama-3.1-8b-instruct");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("cloud", Header(response, "x-hybrid-backend"));
        }
        finally
        {
            (await engine.DeleteAsync("/admin/faults")).EnsureSuccessStatusCode();
        }

        // Local capacity is back: the Router returns to the local engine.
        var local = await ControlPlaneTests.PollAsync(async () =>
        {
            var response = await ControlPlaneTests.SendChatAsync(router, fabric.DevKey, "llama-3.1-8b-instruct");
            return Header(response, "x-hybrid-backend") == "vllm-general" ? response : null;
        });
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
