using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// Server-sent events on a response body: each event is <c>data: &lt;json&gt;</c> (after an <c>event:</c> line
/// when named) and a blank line. Counts the events, for APIs that number them.
/// </summary>
internal sealed class EventStream(PipeWriter body, Utf8JsonWriter json)
{
    /// <summary>How many events were written so far: the zero-based number of the one being written.</summary>
    public int Count { get; private set; }

    /// <summary>Starts an unnamed event; write its JSON, then call <see cref="End"/>.</summary>
    public Utf8JsonWriter Begin()
    {
        body.Write("data: "u8);
        json.Reset(body);
        return json;
    }

    /// <summary>Starts an event named <paramref name="name"/> (<c>event: name</c>).</summary>
    public Utf8JsonWriter Begin(JsonEncodedText name)
    {
        body.Write("event: "u8);
        body.Write(name.EncodedUtf8Bytes);
        body.Write("\n"u8);
        return Begin();
    }

    public void End()
    {
        json.Flush();
        body.Write("\n\n"u8);
        Count++;
    }

    /// <summary>The <c>data: [DONE]</c> line that ends a chat or completions stream.</summary>
    public void WriteDone() => body.Write("data: [DONE]\n\n"u8);
}
