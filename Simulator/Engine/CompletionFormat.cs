using System.Text.Json;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// The JSON of the choice-based APIs (chat and legacy completions). Both share OpenAI's envelope
/// (<c>id</c>, <c>object</c>, <c>created</c>, <c>model</c>, <c>choices</c>, <c>usage</c>) and differ only in
/// object names and in what a choice holds; their streams are unnamed chunks ending in <c>data: [DONE]</c>.
/// </summary>
internal abstract class CompletionFormat : AnswerFormat
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ObjectName = JsonEncodedText.Encode("object");
    private static readonly JsonEncodedText CreatedName = JsonEncodedText.Encode("created");
    private static readonly JsonEncodedText ModelName = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText ChoicesName = JsonEncodedText.Encode("choices");
    private static readonly JsonEncodedText IndexName = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText LogprobsName = JsonEncodedText.Encode("logprobs");
    private static readonly JsonEncodedText FinishReasonName = JsonEncodedText.Encode("finish_reason");
    private static readonly JsonEncodedText UsageName = JsonEncodedText.Encode("usage");
    private static readonly JsonEncodedText PromptTokensName = JsonEncodedText.Encode("prompt_tokens");
    private static readonly JsonEncodedText CompletionTokensName = JsonEncodedText.Encode("completion_tokens");
    private static readonly JsonEncodedText TotalTokensName = JsonEncodedText.Encode("total_tokens");

    /// <summary><c>object</c> of a whole response.</summary>
    protected abstract JsonEncodedText CompletionObject { get; }

    /// <summary><c>object</c> of a stream chunk.</summary>
    protected abstract JsonEncodedText ChunkObject { get; }

    public sealed override void WriteToken(EventStream events, GenerationJob job, ReadOnlySpan<char> token)
    {
        var json = events.Begin();
        StartChoice(json, job, ChunkObject);
        WriteTokenChoice(json, token);
        EndChoice(json, finishReason: null);
        json.WriteEndObject();
        events.End();
    }

    /// <summary>The chunk with <c>finish_reason</c>; then, when <c>stream_options.include_usage</c> is set, a chunk with no choices, only usage; then <c>[DONE]</c>.</summary>
    public sealed override void WriteClosing(EventStream events, GenerationJob job)
    {
        var json = events.Begin();
        StartChoice(json, job, ChunkObject);
        WriteFinishChoice(json);
        EndChoice(json, job.Answer.FinishReason);
        json.WriteEndObject();
        events.End();
        if (job.IncludeUsage)
        {
            json = events.Begin();
            StartEnvelope(json, job, ChunkObject);
            json.WriteStartArray(ChoicesName);
            json.WriteEndArray();
            WriteUsage(json, job);
            json.WriteEndObject();
            events.End();
        }
        events.WriteDone();
    }

    public sealed override void WriteWhole(Utf8JsonWriter json, GenerationJob job)
    {
        StartChoice(json, job, CompletionObject);
        WriteWholeChoice(json, job.Answer.Text);
        EndChoice(json, job.Answer.FinishReason);
        WriteUsage(json, job);
        json.WriteEndObject();
    }

    /// <summary>A choice's content for one streamed token, e.g. <c>"delta":{"content":…}</c>.</summary>
    protected abstract void WriteTokenChoice(Utf8JsonWriter json, ReadOnlySpan<char> token);

    /// <summary>A choice's content in the chunk that carries <c>finish_reason</c>.</summary>
    protected abstract void WriteFinishChoice(Utf8JsonWriter json);

    /// <summary>A choice's content in a whole response, e.g. <c>"message":{…}</c>.</summary>
    protected abstract void WriteWholeChoice(Utf8JsonWriter json, string text);

    /// <summary>Opens the envelope and its single choice; the caller writes the choice content and calls <see cref="EndChoice"/>.</summary>
    protected static void StartChoice(Utf8JsonWriter json, GenerationJob job, JsonEncodedText objectName)
    {
        StartEnvelope(json, job, objectName);
        json.WriteStartArray(ChoicesName);
        json.WriteStartObject();
        json.WriteNumber(IndexName, 0);
    }

    protected static void EndChoice(Utf8JsonWriter json, string? finishReason)
    {
        json.WriteNull(LogprobsName);
        if (finishReason is null)
        {
            json.WriteNull(FinishReasonName);
        }
        else
        {
            json.WriteString(FinishReasonName, finishReason);
        }
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void StartEnvelope(Utf8JsonWriter json, GenerationJob job, JsonEncodedText objectName)
    {
        json.WriteStartObject();
        json.WriteString(IdName, job.Id);
        json.WriteString(ObjectName, objectName);
        json.WriteNumber(CreatedName, job.Created);
        json.WriteString(ModelName, job.Model);
    }

    private static void WriteUsage(Utf8JsonWriter json, GenerationJob job)
    {
        json.WriteStartObject(UsageName);
        json.WriteNumber(PromptTokensName, job.PromptTokens);
        json.WriteNumber(CompletionTokensName, job.CompletionTokens);
        json.WriteNumber(TotalTokensName, job.PromptTokens + job.CompletionTokens);
        json.WriteEndObject();
    }
}
