using System.Text;
using System.Text.Json;

namespace HybridInference.Router.Requests;

/// <summary>What the Router learned from an upstream response while passing it through: usage, text, stream health.</summary>
internal sealed class ResponseFacts
{
    /// <summary>The response's <c>id</c> (a stream's id stays the same across a continuation).</summary>
    public string? Id { get; set; }

    /// <summary>The response's <c>model</c> as the client saw it.</summary>
    public string? Model { get; set; }

    public int? PromptTokens { get; set; }

    public int? CompletionTokens { get; set; }

    /// <summary>Generated text delivered to the client (choice 0), for continuation and for counting when usage is missing.</summary>
    public StringBuilder Text { get; } = new();

    public bool SawToolCalls { get; set; }

    public bool MultipleChoices { get; set; }

    public string? FinishReason { get; set; }

    /// <summary>A stream delivered <c>data: [DONE]</c>.</summary>
    public bool SawDone { get; set; }

    /// <summary>The stream ended by reporting a failure (the Responses API's <c>response.failed</c>): whole, but not an answer to keep.</summary>
    public bool Failed { get; set; }

    /// <summary>The upstream stream died (error or end without <c>[DONE]</c>) after the response had started.</summary>
    public bool Broken { get; set; }

    /// <summary>The answer's bytes kept for the response cache, or null when the request is not cached.</summary>
    public ResponseCapture? Capture { get; init; }

    /// <summary>Appends the string <paramref name="reader"/> is on to <see cref="Text"/>, short ones without an intermediate string.</summary>
    public void AppendText(ref Utf8JsonReader reader)
    {
        const int StackChars = 256;
        // Unescaped and transcoded, a string never has more UTF-16 chars than it has UTF-8 bytes.
        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (bytes > StackChars)
        {
            Text.Append(reader.GetString());
            return;
        }
        Span<char> chars = stackalloc char[StackChars];
        Text.Append(chars[..reader.CopyString(chars)]);
    }

    /// <summary>Timestamp (<see cref="System.Diagnostics.Stopwatch"/>) when the first bytes were handed to the client, or 0.</summary>
    public long FirstByteAt { get; set; }
}
