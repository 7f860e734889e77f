using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace HybridInference.Bench.Load;

/// <summary>First-byte and total times of stream requests, as percentiles.</summary>
internal sealed record FirstByteResult(long Requests, long Errors, double P50FirstByteMs, double P99FirstByteMs, double P50TotalMs);

/// <summary>An HttpClient view of the targets: checks each answers correctly, and times the first byte of streams (wrk cannot).</summary>
internal sealed class TargetClient : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = 256,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    })
    { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _runTag = Guid.NewGuid().ToString("N")[..8];
    private long _sent;

    /// <summary>Sends one request and throws unless it is a well-formed answer of the wanted mode.</summary>
    public async Task CheckAsync(BenchTarget target, ResponseMode mode, CancellationToken cancellationToken)
    {
        using var response = await _client.SendAsync(Request(target, mode), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var wellFormed = mode == ResponseMode.Stream
            ? body.Contains("data: [DONE]", StringComparison.Ordinal) && body.Contains("\"usage\"", StringComparison.Ordinal)
            : body.Contains("\"choices\"", StringComparison.Ordinal);
        if (response.StatusCode != HttpStatusCode.OK || !wellFormed)
        {
            throw new InvalidOperationException($"{target.Name} {mode}: HTTP {(int)response.StatusCode}: {Truncate(body)}");
        }
        if (target.RequiredHeader is { } header && !response.Headers.Contains(header))
        {
            throw new InvalidOperationException($"{target.Name} {mode}: no {header} header in the answer.");
        }
    }

    /// <summary>Runs <paramref name="connections"/> loops of stream requests for <paramref name="duration"/>, timing the first body byte.</summary>
    public async Task<FirstByteResult> ProbeFirstByteAsync(BenchTarget target, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var firstBytes = new List<double>[connections];
        var totals = new List<double>[connections];
        var errors = new StrongBox<long>();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = new Task[connections];
        for (var i = 0; i < connections; i++)
        {
            var (first, total) = (firstBytes[i] = [], totals[i] = []);
            loops[i] = Task.Run(() => LoopAsync(target, deadline, first, total, errors, cancellationToken), cancellationToken);
        }
        await Task.WhenAll(loops);

        var allFirst = firstBytes.SelectMany(times => times).Order().ToArray();
        var allTotal = totals.SelectMany(times => times).Order().ToArray();
        return new FirstByteResult(allFirst.Length, errors.Value, Percentile(allFirst, 0.50), Percentile(allFirst, 0.99), Percentile(allTotal, 0.50));
    }

    private async Task LoopAsync(
        BenchTarget target, long deadline, List<double> firstBytes, List<double> totals, StrongBox<long> errors, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _client.SendAsync(Request(target, ResponseMode.Stream), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors.Value);
                    continue;
                }
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var read = await body.ReadAsync(buffer, cancellationToken);
                var firstByte = Stopwatch.GetElapsedTime(started);
                while (read > 0)
                {
                    read = await body.ReadAsync(buffer, cancellationToken);
                }
                firstBytes.Add(firstByte.TotalMilliseconds);
                totals.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A target that times out or drops connections under load is counted, not fatal: the run goes on.
                Interlocked.Increment(ref errors.Value);
            }
        }
    }

    private HttpRequestMessage Request(BenchTarget target, ResponseMode mode)
    {
        var tag = target.UniquePrompts ? $"probe {_runTag} request {Interlocked.Increment(ref _sent)}" : null;
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url + Workload.Path)
        {
            Content = new ByteArrayContent(Workload.BodyBytes(target.Model, mode, tag)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _client.Dispose();
}
