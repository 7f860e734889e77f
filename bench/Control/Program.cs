// Control load check: ingests 1,000,000 usage records through POST /v1/internal/usage of a real Control process
// (Kestrel, Release build) on a real PostgreSQL, then times GET /usage for a month grouped by day.
// Run from the repository root:  dotnet build -c Release Control && dotnet run -c Release --project bench/Control
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HybridInference.Bench;
using HybridInference.Contracts;
using HybridInference.Contracts.Usage;
using HybridInference.Control.Bench;
using HybridInference.Control.Tests.Infrastructure;

const int Total = 1_000_000;
const int BatchSize = 5_000;
const int Senders = 4;
const int QueryRuns = 30;
const int WarmUpBatches = 100;

var root = Directory.GetCurrentDirectory();
var controlDll = Path.Combine(root, "Control", "bin", "Release", "net10.0", "Control.dll");
if (!File.Exists(controlDll))
{
    Console.Error.WriteLine($"Build Control first: dotnet build -c Release Control ({controlDll} missing)");
    return 1;
}

// Default durability (fsync, synchronous_commit, full-page writes on), as in production.
await using var postgres = await PostgresProcess.StartAsync("control-bench", durable: true, "shared_buffers=512MB", "max_wal_size=4GB");
await using var control = await ControlProcess.StartAsync(controlDll, postgres.ConnectionString("postgres"));
using var http = new HttpClient { BaseAddress = control.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

// The fabric's catalog, so every record is priced at ingestion.
var yaml = await File.ReadAllTextAsync(Path.Combine(root, "AppHost", "Config", "router.yaml"));
using (var put = new HttpRequestMessage(HttpMethod.Put, "/v1/admin/config") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") })
{
    put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ControlProcess.AdminToken);
    (await http.SendAsync(put)).EnsureSuccessStatusCode();
}

string[] models = ["qwen2.5-coder-7b-instruct", "llama-3.1-8b-instruct", "gpt-4o-mini", "bge-m3"];
var random = new Random(42);

// Batches of records spread at random over the month from `start` (the roll-up's worst case: most records of a batch
// fall on a different day, customer, key and model).
List<byte[]> Batches(string prefix, DateTimeOffset start, int count, int size)
{
    var batches = new List<byte[]>();
    for (var b = 0; b < count; b++)
    {
        var records = new UsageRecord[size];
        for (var i = 0; i < size; i++)
        {
            var n = b * size + i;
            var customer = random.Next(50);
            records[i] = new UsageRecord
            {
                RequestId = $"{prefix}-{n:D8}-{random.Next():x8}",
                Timestamp = start.AddSeconds(random.NextDouble() * 31 * 86_400),
                KeyId = $"key_{customer:D2}_{random.Next(4)}",
                CustomerId = $"cus_{customer:D2}",
                RequestedModel = "auto",
                ServedModel = models[random.Next(models.Length)],
                Backend = "vllm-general",
                Category = "general",
                PromptTokens = random.Next(20, 4_000),
                CompletionTokens = random.Next(1, 1_000),
                LatencyMs = random.Next(50, 5_000),
                Status = 200,
            };
        }
        batches.Add(JsonSerializer.SerializeToUtf8Bytes(new UsageBatch(records), ContractJson.Options));
    }
    return batches;
}

Console.WriteLine($"Serialising {Total:N0} records in batches of {BatchSize:N0}…");
var batches = Batches("bench", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Total / BatchSize, BatchSize);
Console.WriteLine($"{batches.Sum(b => (long)b.Length) / 1_048_576} MiB of JSON; ingesting with {Senders} concurrent senders…");

async Task<UsageIngestResult> PostAsync(byte[] body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/internal/usage") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ControlProcess.InternalToken);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return (await JsonSerializer.DeserializeAsync<UsageIngestResult>(await response.Content.ReadAsStreamAsync(), ContractJson.Options))!;
}

// Every batch once, by concurrent senders; answers the records accepted.
async Task<long> SendAllAsync(List<byte[]> all)
{
    var next = -1;
    var accepted = 0L;
    await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
    {
        int index;
        while ((index = Interlocked.Increment(ref next)) < all.Count)
        {
            Interlocked.Add(ref accepted, (await PostAsync(all[index])).Accepted);
        }
    }));
    return accepted;
}

// Not timed: a Control that has run a while has compiled its ingestion path (tiered JIT) and PostgreSQL has planned
// the statement. Dated December 2025, so the January figures below are those of the timed records alone.
await SendAllAsync(Batches("warm-up", new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), WarmUpBatches, 1_000));

var loadBefore = LoadAverage();
var cpuBefore = CpuByProcess();
var ingest = Stopwatch.StartNew();
var accepted = await SendAllAsync(batches);
ingest.Stop();
var cpu = CpuByProcess().Select((after, i) => (after - cpuBefore[i]).TotalMicroseconds / Total).ToArray();
var perSecond = Total / ingest.Elapsed.TotalSeconds;
Console.WriteLine($"Ingested {accepted:N0} in {ingest.Elapsed.TotalSeconds:F1} s = {perSecond:N0} records/s (load average {loadBefore} before, {LoadAverage()} after)");
Console.WriteLine($"CPU per record: PostgreSQL {cpu[0]:F1} µs, Control {cpu[1]:F1} µs, bench client {cpu[2]:F1} µs");

var replay = Stopwatch.StartNew();
var replayed = await PostAsync(batches[0]);
replay.Stop();
Console.WriteLine($"Replay of one batch: {replayed.Accepted} accepted, {replayed.Duplicates} duplicates in {replay.ElapsedMilliseconds} ms");

async Task<(double Median, double P95, string Total)> TimeQueryAsync(string path)
{
    var times = new List<double>();
    string total = "";
    for (var i = 0; i <= QueryRuns; i++)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ControlProcess.AdminToken);
        var sw = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        sw.Stop();
        response.EnsureSuccessStatusCode();
        if (i == 0)
        {
            using var json = JsonDocument.Parse(body);
            total = json.RootElement.GetProperty("total").GetProperty("requests").GetInt64().ToString("N0", CultureInfo.InvariantCulture);
            continue; // warm-up
        }
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return (times[times.Count / 2], times[(int)(times.Count * 0.95)], total);
}

var rollup = await TimeQueryAsync("/usage?start_date=2026-01-01&end_date=2026-01-31&group_by=day");
Console.WriteLine($"Month by day (daily roll-up): median {rollup.Median:F1} ms, p95 {rollup.P95:F1} ms, {rollup.Total} requests");
var raw = await TimeQueryAsync("/usage?start_date=2026-01-01T00:00:00Z&end_date=2026-01-31T23:59:59Z&group_by=day");
Console.WriteLine($"Month by day (raw records, not whole days): median {raw.Median:F1} ms, p95 {raw.P95:F1} ms, {raw.Total} requests");

var results = Path.Combine(root, "bench", "Control", "RESULTS.md");
await File.WriteAllTextAsync(results, $"""
    # Control load check

    Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project bench/Control` on this machine
    ({Environment.ProcessorCount} cores, shared with whatever else runs: load average {loadBefore} when ingestion started).
    Control ran as a separate Release process (Kestrel, HTTP/1.1 on loopback) against PostgreSQL 15 started by the bench
    (default durability settings: fsync, synchronous_commit and full-page writes on). Before timing, {WarmUpBatches} batches
    of 1,000 records dated December 2025 warm Control and PostgreSQL up.

    | what | result | target |
    | --- | --- | --- |
    | ingest {Total:N0} usage records through `POST /v1/internal/usage` ({Total / BatchSize} batches of {BatchSize:N0}, {Senders} senders) | {ingest.Elapsed.TotalSeconds:F1} s = **{perSecond:N0} records/s** ({accepted:N0} accepted) | ≥ 50,000 records/s |
    | CPU per record while ingesting | PostgreSQL {cpu[0]:F1} µs, Control {cpu[1]:F1} µs, bench client {cpu[2]:F1} µs | |
    | replay one batch already stored | {replayed.Accepted} accepted, {replayed.Duplicates:N0} duplicates, {replay.ElapsedMilliseconds} ms | no double count |
    | `GET /usage` January grouped by day (whole days → daily roll-up) | median **{rollup.Median:F1} ms**, p95 {rollup.P95:F1} ms ({QueryRuns} runs, {rollup.Total} requests) | ≤ 300 ms |
    | the same month with date-times that are not whole days (→ raw records) | median {raw.Median:F1} ms, p95 {raw.P95:F1} ms ({raw.Total} requests) | for comparison |

    Design: a batch goes to PostgreSQL as one array parameter per column and is stored by one prepared statement, so
    in one round trip and one transaction, committed before the answer: `unnest` turns the arrays into rows, each
    row is priced with the `model_prices` row in force at its timestamp, `INSERT … ON CONFLICT (request_id) DO NOTHING`
    stores the new ones (the primary key is the idempotency index), and only the rows actually inserted are added to
    the `usage_daily` roll-up (day, customer, key, model). Rows are inserted in request-id order and roll-up rows in
    key order, so overlapping concurrent batches cannot deadlock; the key columns compare in byte order ("C"),
    `usage_daily` keeps its pages half empty (fillfactor 50) so roll-up updates stay HOT, and `ts` has a BRIN index
    instead of a B-tree. `/usage` reads the roll-up when the period is whole UTC days and the records otherwise.
    """.Replace("\n    ", "\n"));
Console.WriteLine($"Wrote {results}");
return 0;

TimeSpan[] CpuByProcess() => [ProcessCpu.OfTree(postgres.ProcessId), ProcessCpu.Of(control.ProcessId), ProcessCpu.Of(Environment.ProcessId)];

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
