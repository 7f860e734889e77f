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

    [Theory]
    [InlineData(false, "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n")]
    [InlineData(true, "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"usage\":{\"input_tokens\":2,\"output_tokens\":1}}}\n\n")]
    public async Task A_stream_is_whole_once_its_end_event_is_read_before_the_client_is_handed_it(bool responsesApi, string sse)
    {
        var facts = new ResponseFacts { Capture = new ResponseCapture(1 << 16) };
        var handedOver = 0;
        var wholeAfter = -1;
        var stream = new ObservedResponseStream(new MemoryStream(Encoding.UTF8.GetBytes(sse)), facts, eventStream: true,
            responsesApi ? ApiKind.Responses : ApiKind.ChatCompletions,
            () => wholeAfter = wholeAfter < 0 ? handedOver : throw new InvalidOperationException("whole twice"));
        var buffer = new byte[sse.Length];
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(handedOver))) > 0)
        {
            handedOver += read;
        }

        // Called once, when nothing of the final event had reached the client yet, with the capture holding it all.
        Assert.InRange(wholeAfter, 0, sse.LastIndexOf("data:", StringComparison.Ordinal));
        Assert.Equal(sse, Encoding.UTF8.GetString(facts.Capture.Bytes));
        Assert.Equal(sse.Length, handedOver);
    }

    [Fact]
    public async Task A_json_body_of_announced_length_is_whole_at_its_last_byte_before_the_client_is_handed_it()
    {
        var json = """{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        var facts = new ResponseFacts { Capture = new ResponseCapture(1 << 16) };
        var handedOver = 0;
        var wholeAfter = -1;
        var stream = new ObservedResponseStream(new MemoryStream(bytes), facts, eventStream: false, ApiKind.ChatCompletions,
            () => wholeAfter = wholeAfter < 0 ? handedOver : throw new InvalidOperationException("whole twice"), bytes.Length);
        var buffer = new byte[bytes.Length];
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(handedOver, Math.Min(16, bytes.Length - handedOver)))) > 0)
        {
            handedOver += read;
        }

        // Called once, during the read that carried the last bytes: the client did not have them yet.
        Assert.InRange(wholeAfter, 0, bytes.Length - 1);
        Assert.Equal(json, Encoding.UTF8.GetString(facts.Capture.Bytes));
        Assert.Equal("hi", facts.Text.ToString());
    }

    [Fact]
    public async Task A_stream_that_ends_without_its_end_event_is_never_whole()
    {
        var sse = "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n";
        var whole = false;
        var stream = new ObservedResponseStream(new MemoryStream(Encoding.UTF8.GetBytes(sse)), new ResponseFacts(), eventStream: true,
            ApiKind.ChatCompletions, () => whole = true);
        await stream.CopyToAsync(Stream.Null);

        Assert.False(whole);
    }

    [Fact]
    public async Task A_responses_stream_that_ends_in_response_failed_is_whole_but_marked_failed_so_the_cache_skips_it()
    {
        var sse = "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"id\":\"r\",\"status\":\"failed\"}}\n\n";
        var facts = new ResponseFacts();
        var stream = new ObservedResponseStream(new MemoryStream(Encoding.UTF8.GetBytes(sse)), facts, eventStream: true, ApiKind.Responses);
        await stream.CopyToAsync(Stream.Null);

        Assert.True(facts.SawDone);
        Assert.False(facts.Broken);
        Assert.True(facts.Failed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    public async Task Escaped_text_of_any_length_is_read_unescaped(int repeats)
    {
        var escaped = string.Concat(Enumerable.Repeat("say \\\"h\\u00e9\\\" ", repeats));
        var json = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped + "\"}}]}";
        var facts = new ResponseFacts();
        var stream = new ObservedResponseStream(new MemoryStream(Encoding.UTF8.GetBytes(json)), facts, eventStream: false, ApiKind.ChatCompletions);
        await stream.CopyToAsync(Stream.Null);

        Assert.Equal(string.Concat(Enumerable.Repeat("say \"h\u00e9\" ", repeats)), facts.Text.ToString());
    }
}
