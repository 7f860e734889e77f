using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Router.Requests;
using HybridInference.Router.Forwarding;

namespace HybridInference.Router.Tests.Forwarding;

public sealed class BodyRewriterTests
{
    private static RequestBody Parse(string json) =>
        RequestBody.Parse(Encoding.UTF8.GetBytes(json), ApiKind.ChatCompletions, out _, out _) ?? throw new InvalidOperationException();

    [Fact]
    public void Body_is_left_alone_when_nothing_needs_changing()
    {
        var body = Parse("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""");
        Assert.True(BodyRewriter.ForUpstream(body, "m").Equals(body.Json));
    }

    [Fact]
    public void Model_is_swapped_in_place_and_everything_else_kept_byte_for_byte()
    {
        var json = """{ "messages":[{"role":"user","content":"model \"x\""}], "model" : "chat-fast", "temperature":0.2 }""";
        var rewritten = Encoding.UTF8.GetString(BodyRewriter.ForUpstream(Parse(json), "llama-3.1-8b-instruct").Span);
        Assert.Equal(json.Replace("\"chat-fast\"", "\"llama-3.1-8b-instruct\"", StringComparison.Ordinal), rewritten);
    }

    [Fact]
    public void Streams_get_include_usage_added()
    {
        var rewritten = JsonNode.Parse(BodyRewriter.ForUpstream(Parse("""{"model":"a","stream":true,"messages":[{"role":"user","content":"hi"}]}"""), "b").Span)!;
        Assert.Equal("b", rewritten["model"]!.GetValue<string>());
        Assert.True(rewritten["stream_options"]!["include_usage"]!.GetValue<bool>());

        var withOptions = JsonNode.Parse(BodyRewriter.ForUpstream(Parse("""{"model":"a","stream":true,"stream_options":{"include_usage":false},"messages":[]}""".Replace("[]", "[{\"role\":\"user\",\"content\":\"x\"}]", StringComparison.Ordinal)), "a").Span)!;
        Assert.True(withOptions["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public void Continuation_appends_the_text_so_far_as_an_assistant_prefix_and_shrinks_the_cap()
    {
        using var body = Parse("""{"model":"a","stream":true,"max_tokens":100,"messages":[{"role":"user","content":"count"}]}""");
        var continued = JsonNode.Parse(BodyRewriter.ForContinuation(body, "b", "one two", 2))!;
        Assert.Equal("b", continued["model"]!.GetValue<string>());
        Assert.Equal(98, continued["max_tokens"]!.GetValue<int>());
        Assert.True(continued["continue_final_message"]!.GetValue<bool>());
        Assert.False(continued["add_generation_prompt"]!.GetValue<bool>());
        Assert.Equal("one two", continued["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Equal("assistant", continued["messages"]![1]!["role"]!.GetValue<string>());
    }
}
