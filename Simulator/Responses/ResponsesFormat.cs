using System.Text.Json;
using HybridInference.Simulator.Engine;

namespace HybridInference.Simulator.Responses;

/// <summary>
/// OpenAI's Responses API: a <c>response</c> object whose output is one assistant message with one
/// <c>output_text</c> part. A stream is named, numbered events: created, in progress, the item and its part
/// added, one text delta per token, text/part/item done, then <c>response.completed</c> (or
/// <c>response.incomplete</c> when <c>max_output_tokens</c> cut the answer) carrying the usage. No <c>[DONE]</c>.
/// </summary>
internal sealed class ResponsesFormat(ResponseEcho echo) : AnswerFormat
{
    private const string ResponsePrefix = "resp_";
    private const string MessagePrefix = "msg_";

    private static readonly JsonEncodedText Created = JsonEncodedText.Encode("response.created");
    private static readonly JsonEncodedText InProgress = JsonEncodedText.Encode("response.in_progress");
    private static readonly JsonEncodedText ItemAdded = JsonEncodedText.Encode("response.output_item.added");
    private static readonly JsonEncodedText PartAdded = JsonEncodedText.Encode("response.content_part.added");
    private static readonly JsonEncodedText TextDelta = JsonEncodedText.Encode("response.output_text.delta");
    private static readonly JsonEncodedText TextDone = JsonEncodedText.Encode("response.output_text.done");
    private static readonly JsonEncodedText PartDone = JsonEncodedText.Encode("response.content_part.done");
    private static readonly JsonEncodedText ItemDone = JsonEncodedText.Encode("response.output_item.done");
    private static readonly JsonEncodedText Completed = JsonEncodedText.Encode("response.completed");
    private static readonly JsonEncodedText Incomplete = JsonEncodedText.Encode("response.incomplete");

    private static readonly JsonEncodedText InProgressStatus = JsonEncodedText.Encode("in_progress");
    private static readonly JsonEncodedText CompletedStatus = JsonEncodedText.Encode("completed");
    private static readonly JsonEncodedText IncompleteStatus = JsonEncodedText.Encode("incomplete");

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText SequenceNumberName = JsonEncodedText.Encode("sequence_number");
    private static readonly JsonEncodedText ResponseName = JsonEncodedText.Encode("response");
    private static readonly JsonEncodedText OutputIndexName = JsonEncodedText.Encode("output_index");
    private static readonly JsonEncodedText ContentIndexName = JsonEncodedText.Encode("content_index");
    private static readonly JsonEncodedText ItemIdName = JsonEncodedText.Encode("item_id");
    private static readonly JsonEncodedText ItemName = JsonEncodedText.Encode("item");
    private static readonly JsonEncodedText PartName = JsonEncodedText.Encode("part");
    private static readonly JsonEncodedText DeltaName = JsonEncodedText.Encode("delta");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText LogprobsName = JsonEncodedText.Encode("logprobs");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ObjectName = JsonEncodedText.Encode("object");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText ContentName = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText AnnotationsName = JsonEncodedText.Encode("annotations");
    private static readonly JsonEncodedText OutputName = JsonEncodedText.Encode("output");
    private static readonly JsonEncodedText UsageName = JsonEncodedText.Encode("usage");

    public override string IdPrefix => ResponsePrefix;

    public override void WriteWhole(Utf8JsonWriter json, GenerationJob job) => WriteResponse(json, job, finished: true);

    public override void WriteOpening(EventStream events, GenerationJob job)
    {
        WriteResponseEvent(events, job, Created, finished: false);
        WriteResponseEvent(events, job, InProgress, finished: false);
        WriteItemEvent(events, job, ItemAdded, finished: false);
        WritePartEvent(events, job, PartAdded, finished: false);
    }

    public override void WriteToken(EventStream events, GenerationJob job, ReadOnlySpan<char> token)
    {
        var json = StartPartEvent(events, job, TextDelta);
        json.WriteString(DeltaName, token);
        json.WriteStartArray(LogprobsName);
        json.WriteEndArray();
        EndEvent(events, json);
    }

    public override void WriteClosing(EventStream events, GenerationJob job)
    {
        var text = StartPartEvent(events, job, TextDone);
        text.WriteString(TextName, job.Answer.Text);
        text.WriteStartArray(LogprobsName);
        text.WriteEndArray();
        EndEvent(events, text);

        WritePartEvent(events, job, PartDone, finished: true);
        WriteItemEvent(events, job, ItemDone, finished: true);
        WriteResponseEvent(events, job, IsCut(job) ? Incomplete : Completed, finished: true);
    }

    private void WriteResponseEvent(EventStream events, GenerationJob job, JsonEncodedText type, bool finished)
    {
        var json = StartEvent(events, type);
        json.WritePropertyName(ResponseName);
        WriteResponse(json, job, finished);
        EndEvent(events, json);
    }

    private static void WriteItemEvent(EventStream events, GenerationJob job, JsonEncodedText type, bool finished)
    {
        var json = StartEvent(events, type);
        json.WriteNumber(OutputIndexName, 0);
        json.WritePropertyName(ItemName);
        WriteMessage(json, job, finished);
        EndEvent(events, json);
    }

    private static void WritePartEvent(EventStream events, GenerationJob job, JsonEncodedText type, bool finished)
    {
        var json = StartPartEvent(events, job, type);
        json.WritePropertyName(PartName);
        WriteTextPart(json, finished ? job.Answer.Text : "");
        EndEvent(events, json);
    }

    private static bool IsCut(GenerationJob job) => job.Answer.FinishReason == GeneratedAnswer.Length;

    private static JsonEncodedText FinalStatus(GenerationJob job) => IsCut(job) ? IncompleteStatus : CompletedStatus;

    /// <summary>The <c>response</c> object: before generation (in progress, no output, no usage) or after it.</summary>
    private void WriteResponse(Utf8JsonWriter json, GenerationJob job, bool finished)
    {
        json.WriteStartObject();
        json.WriteString(IdName, job.Id);
        json.WriteString(ObjectName, ResponseName);
        json.WriteNumber("created_at"u8, job.Created);
        json.WriteString(StatusName, finished ? FinalStatus(job) : InProgressStatus);
        json.WriteNull("error"u8);
        if (finished && IsCut(job))
        {
            json.WriteStartObject("incomplete_details"u8);
            json.WriteString("reason"u8, "max_output_tokens"u8);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("incomplete_details"u8);
        }
        WriteStringOrNull(json, "instructions"u8, echo.Instructions);
        if (echo.MaxOutputTokens is { } maxOutputTokens)
        {
            json.WriteNumber("max_output_tokens"u8, maxOutputTokens);
        }
        else
        {
            json.WriteNull("max_output_tokens"u8);
        }
        json.WriteString("model"u8, job.Model);
        json.WriteStartArray(OutputName);
        if (finished)
        {
            WriteMessage(json, job, finished: true);
        }
        json.WriteEndArray();
        json.WriteBoolean("parallel_tool_calls"u8, true);
        json.WriteNull("previous_response_id"u8);
        // Nothing is kept: a later request cannot name this one as its previous response.
        json.WriteBoolean("store"u8, false);
        json.WriteNumber("temperature"u8, echo.Temperature);
        json.WriteStartObject("text"u8);
        json.WriteStartObject("format"u8);
        json.WriteString(TypeName, TextName);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("tool_choice"u8, "auto"u8);
        json.WriteStartArray("tools"u8);
        json.WriteEndArray();
        json.WriteNumber("top_p"u8, 1.0);
        json.WriteString("truncation"u8, "disabled"u8);
        if (finished)
        {
            WriteUsage(json, job);
        }
        else
        {
            json.WriteNull(UsageName);
        }
        json.WriteStartObject("metadata"u8);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The assistant message item: empty while in progress, its one text part when done.</summary>
    private static void WriteMessage(Utf8JsonWriter json, GenerationJob job, bool finished)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, "message"u8);
        WriteMessageId(json, IdName, job);
        json.WriteString(StatusName, finished ? FinalStatus(job) : InProgressStatus);
        json.WriteString(RoleName, "assistant"u8);
        json.WriteStartArray(ContentName);
        if (finished)
        {
            WriteTextPart(json, job.Answer.Text);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTextPart(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, "output_text"u8);
        json.WriteString(TextName, text);
        json.WriteStartArray(AnnotationsName);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter json, GenerationJob job)
    {
        json.WriteStartObject(UsageName);
        json.WriteNumber("input_tokens"u8, job.PromptTokens);
        json.WriteStartObject("input_tokens_details"u8);
        json.WriteNumber("cached_tokens"u8, 0);
        json.WriteEndObject();
        json.WriteNumber("output_tokens"u8, job.CompletionTokens);
        json.WriteStartObject("output_tokens_details"u8);
        json.WriteNumber("reasoning_tokens"u8, 0);
        json.WriteEndObject();
        json.WriteNumber("total_tokens"u8, job.PromptTokens + job.CompletionTokens);
        json.WriteEndObject();
    }

    /// <summary>Opens an event: its name twice (the <c>event:</c> line and <c>type</c>) and its sequence number.</summary>
    private static Utf8JsonWriter StartEvent(EventStream events, JsonEncodedText type)
    {
        var json = events.Begin(type);
        json.WriteStartObject();
        json.WriteString(TypeName, type);
        json.WriteNumber(SequenceNumberName, events.Count);
        return json;
    }

    /// <summary>Opens an event about the message's one text part.</summary>
    private static Utf8JsonWriter StartPartEvent(EventStream events, GenerationJob job, JsonEncodedText type)
    {
        var json = StartEvent(events, type);
        WriteMessageId(json, ItemIdName, job);
        json.WriteNumber(OutputIndexName, 0);
        json.WriteNumber(ContentIndexName, 0);
        return json;
    }

    private static void EndEvent(EventStream events, Utf8JsonWriter json)
    {
        json.WriteEndObject();
        events.End();
    }

    /// <summary>The message shares the response's unique part: <c>resp_x</c> holds <c>msg_x</c>.</summary>
    private static void WriteMessageId(Utf8JsonWriter json, JsonEncodedText name, GenerationJob job)
    {
        var unique = job.Id.AsSpan(ResponsePrefix.Length);
        Span<char> id = stackalloc char[MessagePrefix.Length + unique.Length];
        MessagePrefix.CopyTo(id);
        unique.CopyTo(id[MessagePrefix.Length..]);
        json.WriteString(name, id);
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
