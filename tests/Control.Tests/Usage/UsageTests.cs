using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Usage;
using HybridInference.Control.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static HybridInference.Control.Tests.Infrastructure.UsageData;

namespace HybridInference.Control.Tests.Usage;

public sealed class UsageTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    [Fact]
    public async Task Ingestion_ignores_replays_and_duplicates_in_a_batch()
    {
        var client = Control.Internal();
        var a = Record("r-1", "2026-01-05T10:00:00Z", "acme", "m", 10, 5);
        var b = Record("r-2", "2026-01-05T11:00:00Z", "acme", "m", 20, 5);
        Assert.Equal(new UsageIngestResult(2, 1), await IngestAsync(client, a, b, a));
        Assert.Equal(new UsageIngestResult(0, 2), await IngestAsync(client, a, b));
        Assert.Equal(new UsageIngestResult(0, 0), await IngestAsync(client));

        var report = await JsonAsync(await Control.Admin().GetAsync("/usage?start_date=2026-01-01&end_date=2026-01-31"));
        Assert.Equal(2, (long)report["total"]!["requests"]!);
        Assert.Equal(30, (long)report["total"]!["prompt_tokens"]!);
    }

    [Fact]
    public async Task Concurrent_duplicate_batches_count_every_record_once()
    {
        var records = Enumerable.Range(0, 600)
            .Select(i => Record($"c-{i:D4}", $"2026-01-{1 + i % 28:D2}T{i % 24:D2}:00:00Z", i % 3 == 0 ? "acme" : "beta", i % 2 == 0 ? "m-a" : "m-b", 100, 10))
            .ToArray();
        // Eight senders: overlapping slices in different orders, the way a retrying Router replays batches.
        var batches = Enumerable.Range(0, 8).Select(s => s % 2 == 0 ? records.Skip(s * 50).Take(400).ToArray() : records.Skip(s * 25).Take(400).Reverse().ToArray());
        var results = await Task.WhenAll(batches.Select(batch => IngestAsync(Control.Internal(), batch)));
        Assert.Equal(results.Sum(r => r.Accepted + r.Duplicates), batches.Sum(b => b.Length));
        var distinct = batches.SelectMany(b => b).Select(r => r.RequestId).Distinct().Count();
        Assert.Equal(distinct, results.Sum(r => r.Accepted));

        var (raw, rolled) = await WithDbAsync(Control, async db =>
            (await db.UsageRecords.CountAsync(), await db.UsageDaily.SumAsync(d => d.Requests)));
        Assert.Equal(distinct, raw);
        Assert.Equal(distinct, rolled);
    }

    [Fact]
    public async Task Usage_is_grouped_filtered_priced_and_served_as_csv()
    {
        var admin = Control.Admin();
        await PriceModelAsync(admin, "m-a", 0.001m, 0.002m);
        await PriceModelAsync(admin, "m-b", 0.0005m, 0.001m, request: 0.01m);
        await IngestAsync(Control.Internal(),
            Record("u-1", "2026-03-01T00:00:00Z", "acme", "m-a", 100, 50),               // 0.1 + 0.1 = 0.2
            Record("u-2", "2026-03-01T23:59:59Z", "acme", "m-b", 100, 100, "key_two"),   // 0.05 + 0.1 + 0.01 = 0.16
            Record("u-3", "2026-03-02T12:00:00Z", "beta", "m-a", 10, 10),                // 0.01 + 0.02 = 0.03
            Record("u-4", "2026-04-01T00:00:00Z", "beta", "m-a", 1000, 1000));           // outside the period

        var byDay = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-03-01&end_date=2026-03-31&group_by=day"));
        Assert.Equal("2026-03-01", (string?)byDay["start_date"]);
        Assert.Equal("day", (string?)byDay["group_by"]);
        Assert.Equal(["2026-03-01", "2026-03-02"], byDay["rows"]!.AsArray().Select(r => (string?)r!["group"]));
        Assert.Equal(["0.36", "0.03"], byDay["rows"]!.AsArray().Select(r => (string?)r!["cost"]));
        Assert.Equal("0.39", (string?)byDay["total"]!["cost"]);
        Assert.Equal(3, (long)byDay["total"]!["requests"]!);
        Assert.Equal(160, (long)byDay["total"]!["completion_tokens"]!);

        var byModel = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-03-01&end_date=2026-03-31&group_by=model"));
        Assert.Equal(["m-a:0.23", "m-b:0.16"], byModel["rows"]!.AsArray().Select(r => $"{r!["group"]}:{r["cost"]}"));
        var byCustomer = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-03-01&end_date=2026-03-31&group_by=customer"));
        Assert.Equal(["acme:0.36", "beta:0.03"], byCustomer["rows"]!.AsArray().Select(r => $"{r!["group"]}:{r["cost"]}"));
        var byKey = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-03-01&end_date=2026-03-31&group_by=key&customer_id=acme"));
        Assert.Equal(["key_acme:0.2", "key_two:0.16"], byKey["rows"]!.AsArray().Select(r => $"{r!["group"]}:{r["cost"]}"));
        var filtered = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-03-01&end_date=2026-03-31&model=m-a&key_id=key_beta"));
        Assert.Equal("0.03", (string?)filtered["total"]!["cost"]);

        // Not whole days: summed from the records themselves.
        var partial = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-03-01T12:00:00Z&end_date=2026-03-02T13:00:00Z&group_by=day"));
        Assert.Equal(["2026-03-01:0.16", "2026-03-02:0.03"], partial["rows"]!.AsArray().Select(r => $"{r!["group"]}:{r["cost"]}"));

        var request = new HttpRequestMessage(HttpMethod.Get, "/usage?start_date=2026-03-01&end_date=2026-03-31&group_by=customer");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await (await admin.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Equal("customer,requests,prompt_tokens,completion_tokens,cost,cache_hits\nacme,2,200,150,0.36,0\nbeta,1,10,10,0.03,0\ntotal,3,210,160,0.39,0\n", csv);
    }

    [Fact]
    public async Task Cost_uses_the_price_in_force_when_the_request_was_made()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-15T00:00:00Z"));
        await using var control = new ControlFactory(ConnectionString, time: time);
        var admin = control.Admin();
        await PriceModelAsync(admin, "m", 0.001m, 0.002m);
        time.SetUtcNow(DateTimeOffset.Parse("2026-01-20T00:00:00Z"));
        await PriceModelAsync(admin, "m", 0.002m, 0.004m);

        // Sent in one batch after both prices exist: each record still gets the price of its own timestamp.
        await IngestAsync(control.Internal(), Record("p-1", "2026-01-18T09:00:00Z", "acme", "m", 100, 100), Record("p-2", "2026-01-22T09:00:00Z", "acme", "m", 100, 100));
        var report = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-01-01&end_date=2026-01-31"));
        Assert.Equal(["2026-01-18:0.3", "2026-01-22:0.6"], report["rows"]!.AsArray().Select(r => $"{r!["group"]}:{r["cost"]}"));
    }

    [Fact]
    public async Task A_request_that_used_no_tokens_is_counted_but_costs_nothing()
    {
        await using var control = new ControlFactory(ConnectionString);
        var admin = control.Admin();
        await PriceModelAsync(admin, "m", 0.001m, 0.002m, request: 0.05m);

        // The Router meters refusals and upstream failures with zero tokens; the per-request price applies to served ones.
        var refused = Record("z-1", "2026-04-02T09:00:00Z", "acme", "m", 0, 0) with { Status = 429 };
        await IngestAsync(control.Internal(), refused, Record("z-2", "2026-04-02T10:00:00Z", "acme", "m", 10, 10));
        var report = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-04-01&end_date=2026-04-30"));
        Assert.Equal(2, (long)report["total"]!["requests"]!);
        Assert.Equal("0.08", (string?)report["total"]!["cost"]);
    }

    [Fact]
    public async Task Cache_hits_are_stored_with_the_guard_mark_priced_at_the_hit_price_and_counted_in_reports()
    {
        await using var control = new ControlFactory(ConnectionString);
        var admin = control.Admin();
        await PriceModelAsync(admin, "m", 0.001m, 0.002m, request: 0.05m);
        var config = (await JsonAsync(await admin.GetAsync("/v1/admin/config")))["config"]!;
        config["cache"] = new JsonObject { ["hit_price"] = 0.0007m };
        Assert.True((await admin.PutAsync("/v1/admin/config", new StringContent(config.ToJsonString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);

        var hit = Record("h-1", "2026-05-02T09:00:00Z", "acme", "m", 10, 10) with { CacheHit = true, Stream = true };
        var unchecked_ = Record("h-2", "2026-05-02T10:00:00Z", "acme", "m", 10, 10) with { Guard = "unchecked" };
        var uncheckedHit = Record("h-3", "2026-05-03T10:00:00Z", "acme", "m", 10, 10) with { Guard = "unchecked", CacheHit = true };
        await IngestAsync(control.Internal(), hit, unchecked_, uncheckedHit);

        var rows = await WithDbAsync(control, db => db.UsageRecords.AsNoTracking().OrderBy(r => r.RequestId).ToListAsync());
        Assert.Equal([(true, null, 0.0007m), (false, "unchecked", 0.08m), (true, "unchecked", 0.0007m)], rows.Select(r => (r.CacheHit, r.Guard, r.Cost)));

        var daily = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-05-01&end_date=2026-05-31&group_by=day"));
        Assert.Equal(["2026-05-02:2:1:0.0807", "2026-05-03:1:1:0.0007"],
            daily["rows"]!.AsArray().Select(r => $"{r!["group"]}:{r["requests"]}:{r["cache_hits"]}:{r["cost"]}"));
        Assert.Equal(2, (long)daily["total"]!["cache_hits"]!);
        // Not whole days: counted from the records themselves.
        var partial = await JsonAsync(await admin.GetAsync("/usage?start_date=2026-05-02T09:30:00Z&end_date=2026-05-03T12:00:00Z&group_by=model"));
        Assert.Equal(["m:2:1"], partial["rows"]!.AsArray().Select(r => $"{r!["group"]}:{r["requests"]}:{r["cache_hits"]}"));
    }

    [Fact]
    public async Task A_cache_hit_costs_nothing_when_the_config_sets_no_hit_price()
    {
        await using var control = new ControlFactory(ConnectionString);
        await PriceModelAsync(control.Admin(), "m", 0.001m, 0.002m, request: 0.05m);
        await IngestAsync(control.Internal(), Record("d-1", "2026-06-02T09:00:00Z", "acme", "m", 100, 100) with { CacheHit = true });
        var report = await JsonAsync(await control.Admin().GetAsync("/usage?start_date=2026-06-01&end_date=2026-06-30"));
        Assert.Equal("0", (string?)report["total"]!["cost"]);
        Assert.Equal(1, (long)report["total"]!["cache_hits"]!);
    }

    [Fact]
    public async Task An_over_long_guard_mark_is_refused_as_a_problem()
    {
        var response = await Control.Internal().PostAsync("/v1/internal/usage", System.Net.Http.Json.JsonContent.Create(
            new UsageBatch([Record("g-1", "2026-06-02T09:00:00Z", "acme", "m", 1, 1) with { Guard = new string('g', 33) }]),
            options: HybridInference.Contracts.ContractJson.Options));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["records[0].guard"]);
    }

    [Theory]
    [InlineData("/usage")]
    [InlineData("/usage?start_date=2026-01-01")]
    [InlineData("/usage?start_date=yesterday&end_date=2026-01-31")]
    [InlineData("/usage?start_date=2026-13-01&end_date=2026-12-31")]
    [InlineData("/usage?start_date=2026-02-01&end_date=2026-01-01")]
    [InlineData("/usage?start_date=2026-01-01T10:00:00Z&end_date=2026-01-01T09:00:00Z")]
    [InlineData("/usage?start_date=2026-01-01&end_date=2026-01-31&group_by=week")]
    public async Task Bad_usage_queries_are_400(string path)
    {
        var response = await Control.Admin().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("errors", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_usage_batches_are_400()
    {
        var client = Control.Internal();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/v1/internal/usage", new StringContent("{\"records\": [", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(client, "/v1/internal/usage", new UsageBatch([Record(new string('r', 129), "2026-01-01T00:00:00Z", "a", "m", 1, 1)]))).StatusCode);
        var negative = await PostJsonAsync(client, "/v1/internal/usage",
            new UsageBatch([Record("ok", "2026-01-01T00:00:00Z", "a", "m", 1, 1), Record("neg", "2026-01-01T00:00:00Z", "a", "m", -1, 1)]));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("records[1].prompt_tokens", await negative.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/v1/internal/usage", new StringContent("{\"records\":[{\"request_id\":\"x\"}]}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(0, await WithDbAsync(Control, db => db.UsageRecords.CountAsync()));
    }
}
