using System.IO.Pipelines;
using System.Text.Json;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// Runs a <see cref="GenerationJob"/> on the engine and writes it in its API's <see cref="AnswerFormat"/>: one JSON
/// body, or server-sent events with one token per event paced at the engine's decode speed. A client that leaves
/// stops the generation and frees its slot.
/// </summary>
internal sealed class GenerationResult(GenerationJob job, AnswerFormat format, InferenceEngine engine) : IResult
{
    // The writer is fed only by the formats, whose output the tests check; validation would cost on every chunk.
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private static readonly TimeSpan CutGrace = TimeSpan.FromMilliseconds(100);

    private int _produced;

    public async Task ExecuteAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var time = engine.Time;
        var metrics = engine.MetricsFor(job.ModelIndex);
        SlotLease lease;
        try
        {
            lease = await engine.StartAsync(job.ModelIndex, job.PromptTokens, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            EngineLog.ClientLeft(engine.Logger, job.Id, 0);
            return;
        }

        using (lease)
        {
            metrics.TimeToFirstToken.Observe(time.GetElapsedTime(job.ArrivedAt).TotalSeconds);
            try
            {
                var finished = job.Stream ? await StreamAsync(context, aborted) : await RespondAsync(context, aborted);
                if (finished)
                {
                    metrics.EndToEnd.Observe(time.GetElapsedTime(job.ArrivedAt).TotalSeconds);
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                EngineLog.ClientLeft(engine.Logger, job.Id, _produced);
            }
            finally
            {
                metrics.AddGenerationTokens(_produced);
            }
        }
    }

    private async ValueTask<bool> RespondAsync(HttpContext context, CancellationToken aborted)
    {
        var tokensPerSecond = engine.Conditions.TokensPerSecond;
        if (tokensPerSecond > 0 && job.CompletionTokens > 1)
        {
            await Task.Delay(TimeSpan.FromSeconds((job.CompletionTokens - 1) / tokensPerSecond), engine.Time, aborted);
        }
        _produced = job.CompletionTokens;

        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        await using (var json = new Utf8JsonWriter(body, WriterOptions))
        {
            format.WriteWhole(json, job);
        }
        return await FlushAsync(body, aborted);
    }

    private async ValueTask<bool> StreamAsync(HttpContext context, CancellationToken aborted)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var conditions = engine.Conditions;
        var cutAfter = conditions.CutStreamAfterTokens;
        var tokensPerSecond = conditions.TokensPerSecond;
        var time = engine.Time;

        var body = response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, WriterOptions);
        var events = new EventStream(body, json);
        format.WriteOpening(events, job);

        var text = job.Answer.Text;
        var tokens = job.Answer.Tokens;
        var firstTokenAt = time.GetTimestamp();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i == cutAfter)
            {
                return await CutAsync(context, body, aborted);
            }
            if (tokensPerSecond > 0 && i > 0)
            {
                // Token i is due i/rate after the first; a late writer catches up without waiting.
                var wait = TimeSpan.FromSeconds(i / tokensPerSecond) - time.GetElapsedTime(firstTokenAt);
                if (wait > TimeSpan.Zero)
                {
                    if (!await FlushAsync(body, aborted))
                    {
                        return false;
                    }
                    await Task.Delay(wait, time, aborted);
                }
            }
            format.WriteToken(events, job, text.AsSpan(tokens[i]));
            _produced++;
        }
        if (tokens.Count == cutAfter)
        {
            return await CutAsync(context, body, aborted);
        }

        format.WriteClosing(events, job);
        return await FlushAsync(body, aborted);
    }

    private async ValueTask<bool> CutAsync(HttpContext context, PipeWriter body, CancellationToken aborted)
    {
        // Deliver what was produced, then drop the connection: the client sees a stream that dies mid-way. The
        // abort resets the connection, and a reset makes the client's kernel drop bytes not yet read, so the client
        // first gets a moment to read them (network time, not engine time: the injected clock would stall here).
        if (await FlushAsync(body, aborted))
        {
            try
            {
                await Task.Delay(CutGrace, TimeProvider.System, aborted);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                return false;
            }
        }
        EngineLog.StreamCut(engine.Logger, job.Id, _produced);
        context.Abort();
        return false;
    }

    /// <summary>Sends what is buffered; false when the client has gone.</summary>
    private async ValueTask<bool> FlushAsync(PipeWriter body, CancellationToken aborted)
    {
        var result = await body.FlushAsync(aborted);
        if (result.IsCompleted || result.IsCanceled)
        {
            EngineLog.ClientLeft(engine.Logger, job.Id, _produced);
            return false;
        }
        return true;
    }
}
