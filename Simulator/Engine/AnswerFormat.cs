using System.Text.Json;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// The wire format of one text-generation API: how a whole answer is written, and which events open, carry and
/// close a stream of it. <see cref="GenerationResult"/> paces the tokens; the format only writes.
/// </summary>
internal abstract class AnswerFormat
{
    /// <summary>The id prefix, e.g. <c>chatcmpl-</c> or <c>resp_</c>.</summary>
    public abstract string IdPrefix { get; }

    /// <summary>The whole answer as one JSON body.</summary>
    public abstract void WriteWhole(Utf8JsonWriter json, GenerationJob job);

    /// <summary>The events before the first token (none by default).</summary>
    public virtual void WriteOpening(EventStream events, GenerationJob job)
    {
    }

    /// <summary>The event that carries one token.</summary>
    public abstract void WriteToken(EventStream events, GenerationJob job, ReadOnlySpan<char> token);

    /// <summary>The events after the last token, up to the end of the stream.</summary>
    public abstract void WriteClosing(EventStream events, GenerationJob job);
}
