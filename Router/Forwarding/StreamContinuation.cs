using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts.OpenAi;
using HybridInference.Router.Requests;
using HybridInference.Router.Configuration;
using HybridInference.Router.Metering;
using HybridInference.Router.Observability;
using HybridInference.Router.Targets;
using Microsoft.Extensions.Options;
using HybridInference.Router.Routing;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Continues a chat stream whose backend died after the client had started receiving it: the next target that can
/// continue an assistant message (vLLM's <c>continue_final_message</c>) gets the text so far as an assistant prefix,
/// and its chunks go out under the original stream's id and model, so the client sees one uninterrupted stream.
/// Where that cannot work (tool calls, several choices, other APIs, no capable target left) the stream ends with an
/// error event instead.
/// </summary>
internal sealed partial class StreamContinuation(
    UpstreamInvoker upstream,
    TokenCounter tokens,
    RouterTelemetry telemetry,
    IOptions<TargetOptions> targets,
    ILogger<StreamContinuation> logger)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] ErrorEventName = "event: error\n"u8.ToArray();
    private const string MidStreamCode = "upstream_failed_mid_stream";

    private readonly int _failureThreshold = targets.Value.CircuitFailureThreshold;
    private readonly TimeSpan _openFor = TimeSpan.FromSeconds(targets.Value.CircuitOpenSeconds);

    /// <summary>
    /// Continues the exchange's broken stream on the first of <paramref name="attempts"/> from <paramref name="next"/>
    /// that can, or ends it with an error event; says what happened instead of recording it on the exchange.
    /// </summary>
    public async Task<ContinuationOutcome> ContinueAsync(HttpContext context, ProxyExchange exchange, List<Attempt> attempts, int next)
    {
        var facts = exchange.Facts;
        var cancellationToken = context.RequestAborted;
        var counted = exchange.ContinuedCompletionTokens;
        var prefix = exchange.PrefixLength;
        var tried = 0;
        List<string>? failures = null;
        var why = CannotContinue(exchange);
        for (var i = next; why is null && i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            if (!attempt.Backend.CanContinueStreams || !attempt.Backend.TryAdmit())
            {
                continue;
            }
            // What the dead target generated is counted now; the next one reports only its own part.
            counted += facts.CompletionTokens ?? await tokens.CountAsync(facts.Text.ToString(prefix, facts.Text.Length - prefix));
            prefix = facts.Text.Length;
            facts.CompletionTokens = null;
            facts.Broken = false;
            tried++;
            using var activity = RouterTelemetry.Source.StartActivity("continue");
            activity?.SetTag("hybrid.model", attempt.Model.Id);
            activity?.SetTag("hybrid.backend", attempt.Backend.Name);
            attempt.Backend.BeginRequest();
            try
            {
                var failure = await RelayAsync(context, exchange, attempt, counted, cancellationToken);
                if (failure is null)
                {
                    attempt.Backend.RecordSuccess();
                    telemetry.Continuations.Add(1, new KeyValuePair<string, object?>("outcome", "continued"));
                    return new ContinuationOutcome(attempt, tried, counted, prefix, false, failures);
                }
                attempt.Backend.RecordFailure(failure, _failureThreshold, _openFor);
                (failures ??= []).Add($"{attempt.Backend.Name} ({attempt.Model.Id}): {failure}");
                Log.ContinuationFailed(logger, exchange.RequestId, attempt.Backend.Name, failure);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                attempt.Backend.RecordSuccess();
                return new ContinuationOutcome(null, tried, counted, prefix, false, failures);
            }
            finally
            {
                attempt.Backend.EndRequest();
            }
        }
        telemetry.Continuations.Add(1, new KeyValuePair<string, object?>("outcome", "error_event"));
        var all = failures is null ? exchange.Failures : [.. exchange.Failures, .. failures];
        await WriteErrorEventAsync(context.Response, exchange.Api,
            why ?? $"The backend failed mid-stream and no other backend could continue it. Tried: {string.Join("; ", all)}.", cancellationToken);
        return new ContinuationOutcome(null, tried, counted, prefix, true, failures);
    }

    private static string? CannotContinue(ProxyExchange exchange) =>
        exchange.Api != ApiKind.ChatCompletions ? "The backend failed mid-stream; only chat completion streams can be continued."
        : exchange.Facts.SawToolCalls ? "The backend failed mid-stream while calling a tool; the call cannot be continued."
        : exchange.Facts.MultipleChoices || exchange.Body.Choices > 1 ? "The backend failed mid-stream; streams with several choices cannot be continued."
        : null;

    // Null when the continuation finished the stream, else why it failed (the next target may try again).
    private async Task<string?> RelayAsync(HttpContext context, ProxyExchange exchange, Attempt attempt, int counted, CancellationToken cancellationToken)
    {
        var facts = exchange.Facts;
        var body = BodyRewriter.ForContinuation(exchange.Body, attempt.Target.UpstreamModel, facts.Text.ToString(), counted);
        using var request = new HttpRequestMessage(HttpMethod.Post, attempt.Backend.BaseUrl + context.Request.Path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (attempt.Backend.ApiKey is { } apiKey)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        request.Headers.TryAddWithoutValidation("x-request-id", exchange.RequestId);
        HttpResponseMessage upstreamResponse;
        try
        {
            upstreamResponse = await upstream.Invoker.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        using (upstreamResponse)
        {
            if (!upstreamResponse.IsSuccessStatusCode)
            {
                return $"HTTP {(int)upstreamResponse.StatusCode}";
            }
            using var reader = new StreamReader(await upstreamResponse.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            var output = context.Response.Body;
            try
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (!line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    var payload = line.AsSpan(5).TrimStart(' ');
                    if (payload.SequenceEqual("[DONE]"))
                    {
                        facts.SawDone = true;
                        await output.WriteAsync(Done, cancellationToken);
                        await output.FlushAsync(cancellationToken);
                        return null;
                    }
                    if (Rewrite(payload.ToString(), facts) is { } chunk)
                    {
                        await output.WriteAsync(DataPrefix, cancellationToken);
                        await output.WriteAsync(chunk, cancellationToken);
                        await output.WriteAsync(EventEnd, cancellationToken);
                        await output.FlushAsync(cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                return "stream ended early: " + ex.Message;
            }
            return "stream ended early";
        }
    }

    // Puts the chunk under the original stream's id and model, drops the new stream's opening role-only chunk, and
    // records text and usage.
    private static byte[]? Rewrite(string payload, ResponseFacts facts)
    {
        JsonObject chunk;
        try
        {
            chunk = JsonNode.Parse(payload)?.AsObject() ?? throw new JsonException("empty chunk");
        }
        catch (JsonException)
        {
            return null;
        }
        var seen = new ResponseFacts();
        ResponseScanner.Scan(Encoding.UTF8.GetBytes(payload), seen);
        var delta = chunk["choices"] is JsonArray { Count: > 0 } choices ? choices[0]?["delta"] : null;
        var hasContent = seen.Text.Length > 0 || seen.FinishReason is not null || seen.SawToolCalls;
        if (!hasContent && seen.CompletionTokens is null && delta is not null)
        {
            return null;
        }
        facts.Text.Append(seen.Text);
        facts.FinishReason = seen.FinishReason ?? facts.FinishReason;
        if (seen.CompletionTokens is { } completion)
        {
            facts.CompletionTokens = completion;
        }
        if (facts.Id is not null)
        {
            chunk["id"] = facts.Id;
        }
        if (facts.Model is not null)
        {
            chunk["model"] = facts.Model;
        }
        if (delta is JsonObject deltaObject)
        {
            deltaObject.Remove("role");
        }
        return JsonSerializer.SerializeToUtf8Bytes(chunk, RouterJsonContext.Default.JsonObject);
    }

    // Chat and completions streams end with an OpenAI error object as data; a Responses stream with its "error" event.
    private static async Task WriteErrorEventAsync(HttpResponse response, ApiKind api, string message, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, OpenAiErrorWriter.WriterOptions))
        {
            if (api == ApiKind.Responses)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "error"u8);
                writer.WriteString("code"u8, MidStreamCode);
                writer.WriteString("message"u8, message);
                writer.WriteNull("param"u8);
                writer.WriteEndObject();
            }
            else
            {
                OpenAiErrorWriter.Write(writer, message, OpenAiErrorTypes.Server, MidStreamCode);
            }
        }
        try
        {
            if (api == ApiKind.Responses)
            {
                await response.Body.WriteAsync(ErrorEventName, cancellationToken);
            }
            await response.Body.WriteAsync(DataPrefix, cancellationToken);
            await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
            await response.Body.WriteAsync(EventEnd, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client left.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: continuing the stream on {Backend} failed: {Reason}")]
        public static partial void ContinuationFailed(ILogger logger, string requestId, string backend, string reason);
    }
}

/// <summary>What continuing a broken stream came to.</summary>
/// <param name="ContinuedOn">The target that finished the stream, or null (error event sent, or the client left).</param>
/// <param name="Tried">Targets asked to continue.</param>
/// <param name="CountedTokens">Completion tokens of the targets that died, counted so far.</param>
/// <param name="PrefixLength">Characters of the text already counted into <paramref name="CountedTokens"/>.</param>
/// <param name="ErrorEvent">The stream was ended with an error event.</param>
/// <param name="Failures">Targets that failed to continue and why, or null.</param>
internal readonly record struct ContinuationOutcome(
    Attempt? ContinuedOn, int Tried, int CountedTokens, int PrefixLength, bool ErrorEvent, List<string>? Failures);
