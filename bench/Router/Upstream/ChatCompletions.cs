using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace HybridInference.Bench.Upstream;

/// <summary><c>POST /v1/chat/completions</c>: the fixed completion, as JSON or as an SSE stream when the body says <c>"stream": true</c>.</summary>
internal static class ChatCompletions
{
    public static async Task HandleAsync(HttpContext context)
    {
        var stream = await ReadStreamFlagAsync(context.Request.BodyReader, context.RequestAborted);
        if (!stream)
        {
            await FixedResponses.WriteJsonAsync(context, FixedResponses.Completion);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        // One write and flush per event, as an engine emits them.
        foreach (var sseEvent in FixedResponses.StreamEvents)
        {
            await context.Response.BodyWriter.WriteAsync(sseEvent, context.RequestAborted);
        }
    }

    private static async ValueTask<bool> ReadStreamFlagAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted)
            {
                var stream = IsStreamRequested(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                return stream;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static bool IsStreamRequested(ReadOnlySequence<byte> body)
    {
        var json = new Utf8JsonReader(body);
        try
        {
            while (json.Read())
            {
                if (json.TokenType == JsonTokenType.PropertyName && json.CurrentDepth == 1 && json.ValueTextEquals("stream"u8))
                {
                    return json.Read() && json.TokenType == JsonTokenType.True;
                }
            }
        }
        catch (JsonException)
        {
            // A broken body gets the plain answer; the upstream is not what the bench tests.
        }
        return false;
    }
}
