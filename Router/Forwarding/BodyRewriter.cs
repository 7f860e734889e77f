using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Produces the body sent upstream, touching the client's bytes only where needed: the model name is spliced in
/// place and <c>stream_options.include_usage</c> is added to streams so they can be metered.
/// </summary>
internal static class BodyRewriter
{
    private static readonly byte[] UsageOption = Encoding.UTF8.GetBytes(",\"stream_options\":{\"include_usage\":true}");

    public static ReadOnlyMemory<byte> ForUpstream(RequestBody body, string upstreamModel)
    {
        var sameModel = upstreamModel == body.Model;
        if (sameModel && !body.NeedsUsageOption)
        {
            return body.Json;
        }
        if (body.NeedsUsageOption && body.HasStreamOptions)
        {
            // Rare: options present without include_usage; rewrite through the DOM.
            var node = JsonObject.Create(body.Root)!;
            node["model"] = upstreamModel;
            node["stream_options"]!["include_usage"] = true;
            return Encoding.UTF8.GetBytes(node.ToJsonString());
        }
        var json = body.Json.Span;
        var model = sameModel ? [] : Quote(upstreamModel);
        var insert = body.NeedsUsageOption ? UsageOption : [];
        var length = json.Length + (sameModel ? 0 : model.Length - body.ModelLength) + insert.Length;
        var result = new byte[length];
        var written = 0;
        if (sameModel)
        {
            json[..body.RootEnd].CopyTo(result);
            written = body.RootEnd;
        }
        else
        {
            json[..body.ModelStart].CopyTo(result);
            written = body.ModelStart;
            model.CopyTo(result.AsSpan(written));
            written += model.Length;
            var afterModel = body.ModelStart + body.ModelLength;
            json[afterModel..body.RootEnd].CopyTo(result.AsSpan(written));
            written += body.RootEnd - afterModel;
        }
        insert.CopyTo(result.AsSpan(written));
        written += insert.Length;
        json[body.RootEnd..].CopyTo(result.AsSpan(written));
        return result;
    }

    private static byte[] Quote(string value)
    {
        // Model names are plain identifiers in practice; the encoder keeps any odd one valid JSON.
        var encoded = System.Text.Json.JsonEncodedText.Encode(value).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        return quoted;
    }

    /// <summary>
    /// The body that asks another backend to continue a broken stream: the text so far as an assistant message it
    /// continues (vLLM's <c>continue_final_message</c>), with the output cap reduced by what was already generated.
    /// </summary>
    public static byte[] ForContinuation(RequestBody original, string upstreamModel, string generated, int generatedTokens)
    {
        var node = JsonObject.Create(original.Root)!;
        node["model"] = upstreamModel;
        node["messages"]!.AsArray().Add((JsonNode)new JsonObject { ["role"] = "assistant", ["content"] = generated });
        node["continue_final_message"] = true;
        node["add_generation_prompt"] = false;
        node["stream"] = true;
        node["stream_options"] = new JsonObject { ["include_usage"] = true };
        foreach (var cap in (ReadOnlySpan<string>)["max_tokens", "max_completion_tokens"])
        {
            if (node[cap] is JsonValue value && value.TryGetValue<int>(out var max))
            {
                node[cap] = Math.Max(1, max - generatedTokens);
            }
        }
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
