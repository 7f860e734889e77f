using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Configuration;

/// <summary>
/// Polls Control for the routing config with <c>If-None-Match</c>, and at once when a Redis change notice arrives.
/// </summary>
internal sealed partial class ControlConfigSource(
    RouterConfigStore store,
    ControlEndpoints control,
    IHttpClientFactory httpClients,
    IOptions<RouterOptions> options,
    TimeProvider time,
    ILogger<ControlConfigSource> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private string? _etag;

    /// <summary>Asks for a poll now (a <c>config:&lt;version&gt;</c> notice arrived).</summary>
    public void Refresh()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another notice already woke the poller.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!control.UsesControlConfig)
        {
            return;
        }
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.ConfigPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await PollAsync(stoppingToken);
            using var periodEnd = new CancellationTokenSource(period, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, periodEnd.Token);
            try
            {
                await _wake.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Poll period elapsed.
            }
        }
    }

    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://control/v1/internal/router-config");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.InternalToken);
            if (_etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", _etag);
            }
            // The body arrives buffered; parsing and compiling it leave the socket thread, which serves requests inline.
            using var response = await httpClients.CreateClient(ControlEndpoints.ControlClient).SendAsync(request, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            if (response.StatusCode is HttpStatusCode.NotModified or HttpStatusCode.NotFound)
            {
                return;
            }
            if (!response.IsSuccessStatusCode)
            {
                store.Reject("control", $"HTTP {(int)response.StatusCode}");
                return;
            }
            var config = await response.Content.ReadFromJsonAsync(ContractJsonContext.Default.RouterConfig, cancellationToken);
            if (config is null)
            {
                store.Reject("control", "empty config");
                return;
            }
            if (await store.ApplyAsync(config, "control", cancellationToken))
            {
                _etag = response.Headers.ETag?.ToString();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.PollFailed(logger, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the routing config from Control: {Reason}")]
        public static partial void PollFailed(ILogger logger, string reason);
    }
}
