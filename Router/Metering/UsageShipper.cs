using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using HybridInference.Router.Requests;
using HybridInference.Contracts.Usage;
using HybridInference.Router.Configuration;
using HybridInference.Router.Observability;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Metering;

/// <summary>
/// Ships usage records to Control in batches (<c>POST /v1/internal/usage</c>). A batch Control does not take goes to
/// the <see cref="UsageSpool"/>; the spool is replayed at start and whenever Control answers again. A batch Control
/// refuses as invalid (4xx) is set aside, not retried. On shutdown whatever is queued is shipped or spooled.
/// </summary>
internal sealed partial class UsageShipper(
    UsageSpool spool,
    ControlEndpoints control,
    IHttpClientFactory httpClients,
    RouterTelemetry telemetry,
    IOptions<RouterOptions> options,
    ILogger<UsageShipper> logger) : BackgroundService
{
    // Not SingleReader: that variant cannot count its items, and FillAsync asks.
    private readonly Channel<UsageRecord> _queue = Channel.CreateUnbounded<UsageRecord>();
    private static readonly TimeSpan GatherStep = TimeSpan.FromMilliseconds(20);
    private readonly int _batchSize = Math.Max(1, options.Value.UsageBatchSize);
    private readonly long _spoolRetryTicks = (long)(Stopwatch.Frequency * options.Value.UsageSpoolRetrySeconds);
    private readonly TimeSpan _flushInterval = TimeSpan.FromMilliseconds(Math.Max(1, options.Value.UsageFlushMilliseconds));

    public void Enqueue(UsageRecord record) => _queue.Writer.TryWrite(record);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<UsageRecord>(_batchSize);
        if (control.HasControl)
        {
            await ReplayAsync(stoppingToken);
        }
        try
        {
            var retryAt = 0L;
            while (!stoppingToken.IsCancellationRequested)
            {
                await FillAsync(batch, stoppingToken);
                var controlAnswered = false;
                if (batch.Count > 0)
                {
                    controlAnswered = await ShipOrSpoolAsync(batch, stoppingToken);
                    batch.Clear();
                }
                // Reading the spool back costs a whole segment: only when Control just took a batch, else now and then.
                if (!spool.IsEmpty && control.HasControl && (controlAnswered || Stopwatch.GetTimestamp() >= retryAt))
                {
                    retryAt = await ReplayAsync(stoppingToken) ? 0 : Stopwatch.GetTimestamp() + _spoolRetryTicks;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the rest is handled in StopAsync.
        }
        finally
        {
            // Nothing in memory may be lost: ship what can be shipped, spool the rest.
            while (_queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }
            if (batch.Count > 0)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await ShipOrSpoolAsync(batch, timeout.Token);
            }
        }
    }

    // Waits for the first record (or the flush interval, so the spool is retried), then lets the batch fill until it is
    // full or the interval has passed, looking every few milliseconds rather than waking up for each record: a wake-up
    // per request would cost the request path a thread hand-off.
    private async Task FillAsync(List<UsageRecord> batch, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        using (var interval = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            interval.CancelAfter(_flushInterval);
            try
            {
                await _queue.Reader.WaitToReadAsync(interval.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (_queue.Reader.Count < _batchSize && Stopwatch.GetElapsedTime(started) < _flushInterval)
        {
            await Task.Delay(GatherStep, stoppingToken);
        }
        while (batch.Count < _batchSize && _queue.Reader.TryRead(out var record))
        {
            batch.Add(record);
        }
    }

    /// <summary>Ships the batch or spools it; true when Control answered (took it or refused it as invalid).</summary>
    private async Task<bool> ShipOrSpoolAsync(List<UsageRecord> batch, CancellationToken cancellationToken)
    {
        // Spooling writes and fsyncs: never on the socket thread that completed the send (InlineIo).
        switch (await SendAsync(batch, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding))
        {
            case Shipment.Taken:
                telemetry.UsageRecords.Add(batch.Count, new KeyValuePair<string, object?>("outcome", "shipped"));
                return true;
            case Shipment.Refused:
                Reject(batch);
                return true;
        }
        var dropped = spool.Append(batch);
        telemetry.UsageRecords.Add(batch.Count - dropped, new KeyValuePair<string, object?>("outcome", "spooled"));
        if (dropped > 0)
        {
            telemetry.UsageRecords.Add(dropped, new KeyValuePair<string, object?>("outcome", "dropped"));
        }
        return false;
    }

    /// <summary>Sends the spool to Control, oldest first; false when Control stopped answering on the way.</summary>
    private async Task<bool> ReplayAsync(CancellationToken cancellationToken)
    {
        while (spool.Oldest() is { } segment)
        {
            for (var i = 0; i < segment.Records.Count; i += _batchSize)
            {
                var part = segment.Records.GetRange(i, Math.Min(_batchSize, segment.Records.Count - i));
                switch (await SendAsync(part, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding))
                {
                    case Shipment.Retry:
                        return false;
                    case Shipment.Refused:
                        Reject(part);
                        break;
                }
            }
            spool.Delete(segment.Path);
            telemetry.UsageRecords.Add(segment.Records.Count, new KeyValuePair<string, object?>("outcome", "replayed"));
            Log.Replayed(logger, segment.Records.Count);
        }
        return true;
    }

    // A batch Control refuses as invalid would be refused forever: set aside on disk for the operator instead of
    // blocking every later record behind it.
    private void Reject(List<UsageRecord> batch)
    {
        spool.SetAside(batch);
        telemetry.UsageRecords.Add(batch.Count, new KeyValuePair<string, object?>("outcome", "rejected"));
    }

    private async Task<Shipment> SendAsync(List<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (!control.HasControl)
        {
            return Shipment.Retry;
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://control/v1/internal/usage")
            {
                Content = JsonContent.Create(new UsageBatch(records), RouterJsonContext.Default.UsageBatch),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.InternalToken);
            using var response = await httpClients.CreateClient(ControlEndpoints.ControlClient).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return Shipment.Taken;
            }
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity)
            {
                Log.Refused(logger, records.Count, await response.Content.ReadAsStringAsync(cancellationToken));
                return Shipment.Refused;
            }
            Log.ShipFailed(logger, records.Count, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Log.ShipFailed(logger, records.Count, ex.Message);
        }
        return Shipment.Retry;
    }

    private enum Shipment
    {
        Taken,
        Retry,
        Refused,
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ship {Count} usage records to Control, spooling them: {Reason}")]
        public static partial void ShipFailed(ILogger logger, int count, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Control refused {Count} usage records as invalid; set aside in the spool's rejected files: {Reason}")]
        public static partial void Refused(ILogger logger, int count, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} spooled usage records to Control")]
        public static partial void Replayed(ILogger logger, int count);
    }
}
