using HybridInference.Router.Tests.Infrastructure;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Observability;

public sealed class TracingTests
{
    [Fact]
    public async Task An_auto_request_is_traced_as_auth_route_classify_and_forward_with_its_decision()
    {
        using var spans = new SpanRecorder();
        await using var fabric = await TestFabric.StartAsync();
        var router = fabric.StartRouter();

        const string prompt = "write python code that reverses a string, traced";
        var result = await router.OpenAi(TestFabric.DevKey).GetChatClient("auto").CompleteChatAsync([new UserChatMessage(prompt)]);
        var requestId = result.GetRawResponse().Headers.TryGetValue("x-request-id", out var id) ? id : null;

        // Other tests' routers run in parallel: keep the spans of this request's trace only.
        var route = spans.RouteOf(requestId);
        Assert.Equal("coding", route.GetTagItem("hybrid.category"));
        var trace = spans.Spans.Where(s => s.TraceId == route.TraceId).ToList();
        Assert.Contains(trace, s => s.OperationName == "classify" && s.ParentSpanId == route.SpanId);
        Assert.Contains(trace, s => s.OperationName == "auth");
        Assert.Equal("auto", route.GetTagItem("hybrid.requested_model"));
        var forward = Assert.Single(trace, s => s.OperationName == "forward");
        Assert.Equal("coder-model", forward.GetTagItem("hybrid.model"));
        Assert.Equal("beta", forward.GetTagItem("hybrid.backend"));
    }
}
