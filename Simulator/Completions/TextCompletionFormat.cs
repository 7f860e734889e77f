using System.Text.Json;
using HybridInference.Simulator.Engine;

namespace HybridInference.Simulator.Completions;

/// <summary><c>text_completion</c>: a choice holds <c>text</c>; a stream sends one token of text per chunk, then an empty text with <c>finish_reason</c>.</summary>
internal sealed class TextCompletionFormat : CompletionFormat
{
    public static TextCompletionFormat Instance { get; } = new();

    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");

    private TextCompletionFormat()
    {
    }

    public override string IdPrefix => "cmpl-";

    // OpenAI names whole responses and chunks alike.
    protected override JsonEncodedText CompletionObject { get; } = JsonEncodedText.Encode("text_completion");

    protected override JsonEncodedText ChunkObject => CompletionObject;

    protected override void WriteTokenChoice(Utf8JsonWriter json, ReadOnlySpan<char> token) => json.WriteString(TextName, token);

    protected override void WriteFinishChoice(Utf8JsonWriter json) => json.WriteString(TextName, ""u8);

    protected override void WriteWholeChoice(Utf8JsonWriter json, string text) => json.WriteString(TextName, text);
}
