using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HybridInference.Classifier.Bench;

/// <summary>The service as its own process on loopback, as the Router calls it: single-text latency and batched throughput.</summary>
internal static class HttpBench
{
    public static async Task RunAsync(BenchTexts texts, BenchOptions options, BenchReport report)
    {
        var port = FreePort();
        using var service = Process.Start(new ProcessStartInfo("dotnet", [options.ClassifierDll])
        {
            WorkingDirectory = Path.GetDirectoryName(options.ClassifierDll)!,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Logging__LogLevel__Default"] = "Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            };
            await WaitUntilHealthyAsync(client, service);

            var single = Body(JsonSerializer.Serialize(new { input = texts.Prompt200Words }));
            var batches = InProcessBench.Batches(texts.Corpus, 64).Select(b => Body(JsonSerializer.Serialize(new { input = b }))).ToList();
            await SteadyState.ReachAsync(() => PostAsync(client, single), () => PostAsync(client, batches[0]));
            var samples = new List<double>(options.Iterations);
            for (var i = 0; i < options.Iterations + 200; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await PostAsync(client, single);
                if (i >= 200)
                {
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                }
            }
            report.Latency("HTTP POST /v1/classify, one 200-word prompt, domain + guard + pii, sequential", samples, "p50 ≤ 1 ms");

            var count = 0;
            var clock = Stopwatch.StartNew();
            var callers = Enumerable.Range(0, 4).Select(async caller =>
            {
                var local = 0;
                for (var i = caller; clock.Elapsed < TimeSpan.FromSeconds(5); i++)
                {
                    await PostAsync(client, batches[i % batches.Count]);
                    local += 64;
                }
                Interlocked.Add(ref count, local);
            });
            await Task.WhenAll(callers);
            report.Throughput("HTTP batch throughput, 64-text requests, 4 concurrent clients, domain + guard + pii", count, clock.Elapsed, "≥ 10,000 texts/s");
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
    }

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    private static async Task PostAsync(HttpClient client, byte[] body)
    {
        using var response = await client.PostAsync("/v1/classify", new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process service)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"The classifier exited with code {service.ExitCode}.");
            }
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The classifier did not become healthy within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
