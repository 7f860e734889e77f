using System.Text;

namespace HybridInference.Bench.Upstream;

/// <summary>Every answer the upstream gives, encoded once at start.</summary>
internal static class FixedResponses
{
    private const string Model = "bench-model";
    private const string ChunkPrefix =
        "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"" + Model + "\",";

    /// <summary>A non-streamed chat completion with usage.</summary>
    public static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + Model + "\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the bench upstream.\"}," +
        "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}");

    /// <summary>The SSE events of a streamed completion: role, five content deltas, finish, usage, <c>[DONE]</c>.</summary>
    public static readonly byte[][] StreamEvents =
    [
        Event(ChunkPrefix + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"),
        ContentEvent("Hello"),
        ContentEvent(" from"),
        ContentEvent(" the"),
        ContentEvent(" bench"),
        ContentEvent(" upstream."),
        Event(ChunkPrefix + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
        Event(ChunkPrefix + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}"),
        Event("data: [DONE]"),
    ];

    /// <summary>The model list.</summary>
    public static readonly byte[] Models = Encoding.UTF8.GetBytes(
        "{\"object\":\"list\",\"data\":[{\"id\":\"" + Model + "\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"bench\"}]}");

    public static Task WriteJsonAsync(HttpContext context, byte[] body) => WriteAsync(context, "application/json", body);

    public static Task WriteTextAsync(HttpContext context, byte[] body) => WriteAsync(context, "text/plain", body);

    private static Task WriteAsync(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    private static byte[] ContentEvent(string text) =>
        Event(ChunkPrefix + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}");

    private static byte[] Event(string line) => Encoding.UTF8.GetBytes(line + "\n\n");
}
