using System.Text.Json;
using HybridInference.Simulator.Engine;

namespace HybridInference.Simulator.Chat;

/// <summary>
/// <c>chat.completion</c> / <c>chat.completion.chunk</c>: a stream opens with the role
/// (<c>"delta":{"role":"assistant","content":""}</c>), then one content delta per token, then an empty delta with
/// <c>finish_reason</c>.
/// </summary>
internal sealed class ChatFormat : CompletionFormat
{
    public static ChatFormat Instance { get; } = new();

    private static readonly JsonEncodedText DeltaName = JsonEncodedText.Encode("delta");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText ContentName = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText Assistant = JsonEncodedText.Encode(ChatMessage.AssistantRole);

    private ChatFormat()
    {
    }

    public override string IdPrefix => "chatcmpl-";

    protected override JsonEncodedText CompletionObject { get; } = JsonEncodedText.Encode("chat.completion");

    protected override JsonEncodedText ChunkObject { get; } = JsonEncodedText.Encode("chat.completion.chunk");

    public override void WriteOpening(EventStream events, GenerationJob job)
    {
        var json = events.Begin();
        StartChoice(json, job, ChunkObject);
        json.WriteStartObject(DeltaName);
        json.WriteString(RoleName, Assistant);
        json.WriteString(ContentName, ""u8);
        json.WriteEndObject();
        EndChoice(json, finishReason: null);
        json.WriteEndObject();
        events.End();
    }

    protected override void WriteTokenChoice(Utf8JsonWriter json, ReadOnlySpan<char> token)
    {
        json.WriteStartObject(DeltaName);
        json.WriteString(ContentName, token);
        json.WriteEndObject();
    }

    protected override void WriteFinishChoice(Utf8JsonWriter json)
    {
        json.WriteStartObject(DeltaName);
        json.WriteEndObject();
    }

    protected override void WriteWholeChoice(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject(MessageName);
        json.WriteString(RoleName, Assistant);
        json.WriteString(ContentName, text);
        json.WriteEndObject();
    }
}
