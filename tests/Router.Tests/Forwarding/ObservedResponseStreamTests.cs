using System.Text;
using HybridInference.Router.Forwarding;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Tests.Forwarding;

public sealed class ObservedResponseStreamTests
{
    [Fact]
    public async Task Json_body_passes_through_and_its_usage_is_read()
    {
        var json = """{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi there"},"finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""";
        var facts = new ResponseFacts();
        var stream = new ObservedResponseStream(new MemoryStream(Encoding.UTF8.GetBytes(json)), facts, eventStream: false, ApiKind.ChatCompletions);
        var copy = new MemoryStream();
        // The forwarder's copier waits with zero-byte reads between real ones.
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        await stream.CopyToAsync(copy);

        Assert.Equal(json, Encoding.UTF8.GetString(copy.ToArray()));
        Assert.Equal(7, facts.PromptTokens);
        Assert.Equal(2, facts.CompletionTokens);
        Assert.Equal("hi there", facts.Text.ToString());
    }

    [Fact]
    public async Task Events_are_handed_over_whole_and_a_torn_end_marks_the_stream_broken()
    {
        var sse = "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one\"}}]}\n\ndata: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" two\"}}]}\n\ndata: {\"id\":\"bro";
        var facts = new ResponseFacts();
        var stream = new ObservedResponseStream(new MemoryStream(Encoding.UTF8.GetBytes(sse)), facts, eventStream: true, ApiKind.ChatCompletions);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(sse[..sse.LastIndexOf("data:", StringComparison.Ordinal)], Encoding.UTF8.GetString(copy.ToArray()));
        Assert.True(facts.Broken);
        Assert.Equal("one two", facts.Text.ToString());
        Assert.Equal("a", facts.Id);
    }

    [Fact]
    public async Task Complete_stream_is_not_broken_and_usage_comes_from_the_last_chunk()
    {
        var sse = "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\r\n\r\ndata: {\"id\":\"a\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\ndata: [DONE]\n\n";
        var facts = new ResponseFacts();
        var stream = new ObservedResponseStream(new MemoryStream(Encoding.UTF8.GetBytes(sse)), facts, eventStream: true, ApiKind.ChatCompletions);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, bufferSize: 7);

        Assert.Equal(sse, Encoding.UTF8.GetString(copy.ToArray()));
        Assert.False(facts.Broken);
        Assert.True(facts.SawDone);
        Assert.Equal(3, facts.PromptTokens);
        Assert.Equal(1, facts.CompletionTokens);
    }
}
