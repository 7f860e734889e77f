using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible engine the test controls: a fixed reply, word by word when streamed, vLLM-style
/// <c>continue_final_message</c>, usage on request, and faults (error status, dying mid-stream, going away).
/// </summary>
public sealed class FakeBackend : IAsyncDisposable
{
    /// <summary>Every backend generates exactly this, so a continued stream can be checked word for word.</summary>
    public const string Reply = "one two three four five six seven eight nine ten";

    public const int PromptTokens = 7;

    private KestrelHost? _host;

    public string Name { get; }

    public string Url { get; private set; } = "";

    /// <summary>When set, requests without <c>Authorization: Bearer</c> this key get 401.</summary>
    public string? RequiredKey { get; init; }

    /// <summary>When non-zero, every completion request gets this status.</summary>
    public volatile int FailWithStatus;

    /// <summary>When positive, streams die after this many content chunks: half an event, then the end.</summary>
    public volatile int DieAfterChunks;

    /// <summary>
    /// Whether a dying stream resets the connection (a crashed engine; what the Router had not yet read may be lost,
    /// so where it notices is up to TCP) rather than ending the response early (deterministic).
    /// </summary>
    public volatile bool DieByAbort;

    /// <summary>Whether streams send a usage chunk when asked.</summary>
    public volatile bool SendUsage = true;

    /// <summary>When true, requests get no answer at all until the caller gives up.</summary>
    public volatile bool Hang;

    /// <summary>When positive, streams stall after this many content chunks until the caller goes away.</summary>
    public volatile int StallAfterChunks;

    /// <summary>Completed when a stalled stream's caller went away (the Router cancelled the upstream request).</summary>
    public TaskCompletionSource CallerLeft { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Engine gauges served on <c>/metrics</c>.</summary>
    public volatile int WaitingRequests;

    private readonly Lock _histogram = new();
    private double _firstTokenSecondsSum;
    private int _firstTokens;

    /// <summary>Counts a request whose first token took <paramref name="seconds"/> in the engine's TTFT histogram.</summary>
    public void RecordFirstToken(double seconds)
    {
        lock (_histogram)
        {
            _firstTokenSecondsSum += seconds;
            _firstTokens++;
        }
    }

    private string MetricsPage()
    {
        lock (_histogram)
        {
            return $"# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting{{model_name=\"m\"}} {WaitingRequests}\n" +
                $"vllm:num_requests_running{{model_name=\"m\"}} 1\nvllm:kv_cache_usage_perc{{model_name=\"m\"}} 0.1\n" +
                $"vllm:time_to_first_token_seconds_sum{{model_name=\"m\"}} {_firstTokenSecondsSum.ToString(CultureInfo.InvariantCulture)}\n" +
                $"vllm:time_to_first_token_seconds_count{{model_name=\"m\"}} {_firstTokens}\n";
        }
    }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    private FakeBackend(string name) => Name = name;

    public static async Task<FakeBackend> StartAsync(string name, string? requiredKey = null)
    {
        var backend = new FakeBackend(name) { RequiredKey = requiredKey };
        backend._host = await KestrelHost.StartAsync(backend.Map);
        backend.Url = backend._host.Url;
        return backend;
    }

    /// <summary>Stops the server: from now on connections are refused, like a killed engine.</summary>
    public async Task KillAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync();
        }
    }

    public int CompletionRequests => Requests.Count;

    private void Map(WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok());
        app.MapGet("/metrics", () => Results.Text(MetricsPage()));
        app.MapPost("/v1/chat/completions", context => HandleAsync(context, "chat"));
        app.MapPost("/v1/completions", context => HandleAsync(context, "text"));
        app.MapPost("/v1/embeddings", context => HandleAsync(context, "embedding"));
        app.MapPost("/v1/responses", context => HandleAsync(context, "responses"));
    }

    private async Task HandleAsync(HttpContext context, string api)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Requests.Enqueue(new ReceivedRequest(body, context.Request.Headers.Authorization.ToString(), context.Request.Headers["x-request-id"].ToString()));
        if (RequiredKey is not null && context.Request.Headers.Authorization != $"Bearer {RequiredKey}")
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "bad key", type = "authentication_error" } });
            return;
        }
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        if (FailWithStatus != 0)
        {
            context.Response.StatusCode = FailWithStatus;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "injected fault", type = "server_error" } });
            return;
        }
        var model = body["model"]!.GetValue<string>();
        if (api == "embedding")
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["object"] = "list",
                ["model"] = model,
                ["data"] = new JsonArray(new JsonObject { ["object"] = "embedding", ["index"] = 0, ["embedding"] = new JsonArray(0.1, 0.2, 0.3) }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 3, ["total_tokens"] = 3 },
            });
            return;
        }
        var text = Reply;
        var messages = body["messages"] as JsonArray;
        if (body["continue_final_message"]?.GetValue<bool>() == true && messages?[^1]?["content"]?.GetValue<string>() is { } prefix)
        {
            text = Reply.StartsWith(prefix, StringComparison.Ordinal) ? Reply[prefix.Length..] : "MISMATCH";
        }
        var words = SplitKeepingSpaces(text);
        if (api == "responses")
        {
            await RespondAsync(context, body, model, words);
            return;
        }
        var id = $"cmpl-{Name}-{Guid.NewGuid():N}";
        if (body["stream"]?.GetValue<bool>() != true)
        {
            var choice = api == "chat"
                ? new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text }, ["finish_reason"] = "stop" }
                : new JsonObject { ["index"] = 0, ["text"] = text, ["finish_reason"] = "stop" };
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = id,
                ["object"] = api == "chat" ? "chat.completion" : "text_completion",
                ["created"] = 1,
                ["model"] = model,
                ["choices"] = new JsonArray(choice),
                ["usage"] = Usage(words.Count),
            });
            return;
        }
        context.Response.ContentType = "text/event-stream";
        var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true && SendUsage;
        if (api == "chat")
        {
            await WriteEventAsync(context, Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        }
        for (var i = 0; i < words.Count; i++)
        {
            if (StallAfterChunks > 0 && i == StallAfterChunks)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    CallerLeft.TrySetResult();
                }
                return;
            }
            if (DieAfterChunks > 0 && i == DieAfterChunks)
            {
                // Half an event, then the connection drops: the worst a dying engine can do.
                await context.Response.WriteAsync("data: {\"id\":\"broken", context.RequestAborted);
                await context.Response.Body.FlushAsync();
                if (DieByAbort)
                {
                    context.Abort();
                }
                return;
            }
            var chunk = api == "chat"
                ? Chunk(id, model, new JsonObject { ["content"] = words[i] }, null)
                : new JsonObject { ["id"] = id, ["object"] = "text_completion", ["model"] = model, ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["text"] = words[i] }) };
            await WriteEventAsync(context, chunk);
        }
        if (api == "chat")
        {
            await WriteEventAsync(context, Chunk(id, model, new JsonObject(), "stop"));
        }
        if (includeUsage)
        {
            await WriteEventAsync(context, new JsonObject { ["id"] = id, ["object"] = "chat.completion.chunk", ["model"] = model, ["choices"] = new JsonArray(), ["usage"] = Usage(words.Count) });
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    // The Responses API as the Simulator serves it: a response object, or named events ending in response.completed.
    private async Task RespondAsync(HttpContext context, JsonObject body, string model, List<string> words)
    {
        var id = $"resp_{Name}{Guid.NewGuid():N}";
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await context.Response.WriteAsJsonAsync(ResponseObject(id, model, Reply, words.Count));
            return;
        }
        context.Response.ContentType = "text/event-stream";
        var sequence = 0;
        await WriteNamedEventAsync(context, "response.created", sequence++, new JsonObject { ["response"] = ResponseObject(id, model, null, 0) });
        for (var i = 0; i < words.Count; i++)
        {
            if (DieAfterChunks > 0 && i == DieAfterChunks)
            {
                await context.Response.WriteAsync("event: response.output_text.delta\ndata: {\"type\":\"broken", context.RequestAborted);
                await context.Response.Body.FlushAsync();
                return;
            }
            await WriteNamedEventAsync(context, "response.output_text.delta", sequence++, new JsonObject
            {
                ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = words[i],
            });
        }
        await WriteNamedEventAsync(context, "response.completed", sequence, new JsonObject { ["response"] = ResponseObject(id, model, Reply, words.Count) });
    }

    private static JsonObject ResponseObject(string id, string model, string? text, int completion) => new()
    {
        ["id"] = id,
        ["object"] = "response",
        ["created_at"] = 1,
        ["status"] = text is null ? "in_progress" : "completed",
        ["error"] = null,
        ["incomplete_details"] = null,
        ["model"] = model,
        ["output"] = text is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["type"] = "message", ["id"] = "msg_1", ["status"] = "completed", ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
        }),
        ["parallel_tool_calls"] = true,
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["usage"] = text is null ? null : new JsonObject
        {
            ["input_tokens"] = PromptTokens,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = completion,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = PromptTokens + completion,
        },
    };

    private static async Task WriteNamedEventAsync(HttpContext context, string type, int sequence, JsonObject payload)
    {
        payload["type"] = type;
        payload["sequence_number"] = sequence;
        await context.Response.WriteAsync($"event: {type}\ndata: {payload.ToJsonString()}\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    private static JsonObject Usage(int completion) => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = completion,
        ["total_tokens"] = PromptTokens + completion,
    };

    private static JsonObject Chunk(string id, string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = 1,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static async Task WriteEventAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    // "one two three" -> "one", " two", " three": concatenating chunks gives the text back exactly.
    private static List<string> SplitKeepingSpaces(string text)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                if (i > start)
                {
                    words.Add(text[start..i]);
                }
                start = i;
            }
        }
        return words;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}

/// <summary>A request as the backend received it.</summary>
public sealed record ReceivedRequest(JsonObject Body, string Authorization, string RequestId);
