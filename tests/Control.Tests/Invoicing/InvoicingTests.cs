using System.Net;
using System.Text.Json.Nodes;
using HybridInference.Control.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HybridInference.Control.Tests.Infrastructure.UsageData;

namespace HybridInference.Control.Tests.Invoicing;

/// <summary>
/// A fixed January 2026 with totals worked out by hand. Prices: m-a 0.000001/prompt, 0.000002/completion;
/// m-b 0.0000005/prompt, 0.0000015/completion, 0.001/request.
/// acme m-a: 2 × (1,000,000 p + 250,000 c) = 2 × 1.5 = 3.0, plus 5,000 p = 0.005 → 3.005 → 3.01 (midpoint away from zero).
/// acme m-b: 100,000 p + 10,000 c + request = 0.05 + 0.015 + 0.001 = 0.066, plus an empty request at 23:59:59 on the
/// 31st (no tokens: refused or failed, so no request price either) = 0 → 0.066 → 0.07. acme total 3.08.
/// beta m-b: 4 × (1,000 p + 1,000 c + request) = 4 × 0.003 = 0.012 → 0.01. beta total 0.01.
/// Usage on 31 Dec and 1 Feb is outside the month; "ghost" has usage but no customer record.
/// </summary>
public sealed class InvoicingTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    private static async Task ArrangeJanuaryAsync(ControlFactory control)
    {
        var admin = control.Admin();
        await PriceModelAsync(admin, "m-a", 0.000001m, 0.000002m);
        await PriceModelAsync(admin, "m-b", 0.0000005m, 0.0000015m, request: 0.001m);
        await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "acme", name = "Acme", email = "billing@acme.test" }));
        await JsonAsync(await PostJsonAsync(admin, "/v1/admin/customers", new { id = "beta", name = "Beta", odoo_partner_id = 42 }));
        await IngestAsync(control.Internal(),
            Record("a1", "2026-01-03T10:00:00Z", "acme", "m-a", 1_000_000, 250_000),
            Record("a2", "2026-01-17T10:00:00Z", "acme", "m-a", 1_000_000, 250_000),
            Record("a3", "2026-01-20T10:00:00Z", "acme", "m-a", 5_000, 0),
            Record("a4", "2026-01-09T10:00:00Z", "acme", "m-b", 100_000, 10_000),
            Record("a5", "2026-01-31T23:59:59Z", "acme", "m-b", 0, 0),
            Record("a6", "2025-12-31T23:59:59Z", "acme", "m-a", 9_000_000, 0),
            Record("a7", "2026-02-01T00:00:00Z", "acme", "m-a", 9_000_000, 0),
            Record("b1", "2026-01-02T00:00:00Z", "beta", "m-b", 1_000, 1_000),
            Record("b2", "2026-01-12T00:00:00Z", "beta", "m-b", 1_000, 1_000),
            Record("b3", "2026-01-22T00:00:00Z", "beta", "m-b", 1_000, 1_000),
            Record("b4", "2026-01-30T00:00:00Z", "beta", "m-b", 1_000, 1_000),
            Record("g1", "2026-01-15T00:00:00Z", "ghost", "m-a", 1_000, 1_000));
    }

    private static async Task<JsonNode> GenerateAsync(ControlFactory control, string dryRun, string date = "2026-02-15") =>
        await JsonAsync(await control.Admin().PostAsync($"/invoicing/generate?date={date}&dry_run={dryRun}", null));

    private static void AssertJanuary(JsonNode result)
    {
        Assert.Equal("2026-01-01", (string?)result["period_start"]);
        Assert.Equal("2026-02-01", (string?)result["period_end"]);
        Assert.Equal("3.09", (string?)result["total"]);
        Assert.Equal(["ghost"], result["unknown_customers"]!.AsArray().Select(c => (string?)c));
        var invoices = result["invoices"]!.AsArray();
        var acme = invoices.Single(i => (string?)i!["customer_id"] == "acme")!;
        Assert.Equal("3.08", (string?)acme["total"]);
        Assert.Equal("HI-202601-acme", (string?)acme["number"]);
        Assert.Equal(["m-a:3:3.005:3.01", "m-b:2:0.066:0.07"],
            acme["lines"]!.AsArray().Select(l => $"{l!["model"]}:{l["requests"]}:{l["cost"]}:{l["amount"]}"));
        var beta = invoices.Single(i => (string?)i!["customer_id"] == "beta")!;
        Assert.Equal("0.01", (string?)beta["total"]);
        Assert.Equal(["m-b:4:0.012:0.01"], beta["lines"]!.AsArray().Select(l => $"{l!["model"]}:{l["requests"]}:{l["cost"]}:{l["amount"]}"));
    }

    [Fact]
    public async Task Dry_run_all_computes_the_hand_worked_totals_and_writes_nothing()
    {
        await ArrangeJanuaryAsync(Control);
        AssertJanuary(await GenerateAsync(Control, "all"));
        Assert.Equal(0, await WithDbAsync(Control, db => db.Invoices.CountAsync()));
    }

    [Fact]
    public async Task None_twice_writes_one_invoice_per_customer_and_validate_then_reports_duplicates()
    {
        await ArrangeJanuaryAsync(Control);
        Assert.Empty((await GenerateAsync(Control, "validate"))["duplicates"]!.AsArray());

        var results = await Task.WhenAll(GenerateAsync(Control, "none"), GenerateAsync(Control, "none"));
        var written = results.Single(r => r["invoices"]!.AsArray().Count > 0);
        AssertJanuary(written);
        Assert.Equal(["acme", "beta"], results.Single(r => r != written)["duplicates"]!.AsArray().Select(c => (string?)c));

        var again = await GenerateAsync(Control, "none", "2026-02-01T08:30:00Z");
        Assert.Empty(again["invoices"]!.AsArray());
        Assert.Equal(2, await WithDbAsync(Control, db => db.Invoices.CountAsync()));
        Assert.Equal(3.08m, await WithDbAsync(Control, db => db.Invoices.Where(i => i.CustomerId == "acme").Select(i => i.Total).SingleAsync()));

        var validate = await GenerateAsync(Control, "validate");
        Assert.Equal(["acme", "beta"], validate["duplicates"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(2, validate["invoices"]!.AsArray().Count);
        Assert.Equal(2, (await JsonAsync(await Control.Admin().GetAsync("/invoicing/invoices"))).AsArray().Count);
    }

    [Theory]
    [InlineData("/invoicing/generate?dry_run=all")]
    [InlineData("/invoicing/generate?date=someday&dry_run=all")]
    [InlineData("/invoicing/generate?date=2026-02-30&dry_run=all")]
    [InlineData("/invoicing/generate?date=2026-02-01&dry_run=maybe")]
    [InlineData("/invoicing/generate?date=2026-02-01&dry_run=1")]
    public async Task Bad_invoicing_requests_are_400(string path) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await Control.Admin().PostAsync(path, null)).StatusCode);

    [Fact]
    public async Task File_sink_writes_json_and_csv_per_invoice()
    {
        var directory = Path.Combine(Path.GetTempPath(), "control-invoices-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var control = new ControlFactory(ConnectionString, new Dictionary<string, string?>
            {
                ["Control:Invoicing:Sink"] = "file",
                ["Control:Invoicing:Directory"] = directory,
            });
            await ArrangeJanuaryAsync(control);
            await GenerateAsync(control, "none");
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "HI-202601-acme.json")))!;
            Assert.Equal("3.08", (string?)json["total"]);
            var csv = await File.ReadAllLinesAsync(Path.Combine(directory, "HI-202601-acme.csv"));
            Assert.Equal("HI-202601-acme,acme,2026-01-01,2026-02-01,USD,m-a,3,2005000,500000,3.005,3.01", csv[1]);
            Assert.Equal("HI-202601-acme,acme,2026-01-01,2026-02-01,USD,total,,,,,3.08", csv[^1]);
            Assert.True(File.Exists(Path.Combine(directory, "HI-202601-beta.csv")));
            Assert.All(await WithDbAsync(control, db => db.Invoices.ToListAsync()), i => Assert.NotNull(i.ExportedAt));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Odoo_sink_creates_partner_and_account_moves_over_json_rpc()
    {
        await using var odoo = await FakeOdoo.StartAsync();
        await using var control = new ControlFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Control:Invoicing:Sink"] = "odoo",
            ["Control:Invoicing:OdooUrl"] = odoo.Url,
            ["Control:Invoicing:OdooDatabase"] = "erp",
            ["Control:Invoicing:OdooUsername"] = "billing",
            ["Control:Invoicing:OdooPassword"] = "secret",
        });
        await ArrangeJanuaryAsync(control);
        var result = await GenerateAsync(control, "none");
        Assert.Empty(result["export_errors"]!.AsObject());
        Assert.Empty(odoo.Problems);

        var calls = odoo.ExecuteCalls();
        // acme has no partner id: looked up by ref, then created; beta's partner 42 is used as is.
        Assert.Equal(
            ["account.move.search", "res.partner.search", "res.partner.create", "account.move.create", "account.move.search", "account.move.create"],
            calls.Select(c => $"{c.Model}.{c.Method}"));
        Assert.Equal("""[["ref","=","HI-202601-acme"]]""", calls[0].Argument.ToJsonString());
        var partner = calls[2].Argument;
        Assert.Equal("Acme", (string?)partner["name"]);
        Assert.Equal("acme", (string?)partner["ref"]);
        var acmeMove = calls[3].Argument;
        Assert.Equal("out_invoice", (string?)acmeMove["move_type"]);
        Assert.Equal(101, (int?)acmeMove["partner_id"]);
        Assert.Equal("HI-202601-acme", (string?)acmeMove["ref"]);
        Assert.Equal("2026-01-31", (string?)acmeMove["invoice_date"]);
        Assert.Equal([3.01m, 0.07m], acmeMove["invoice_line_ids"]!.AsArray().Select(l => (decimal)l![2]!["price_unit"]!));
        Assert.Equal(42, (int?)calls[5].Argument["partner_id"]);

        var refs = await WithDbAsync(control, db => db.Invoices.OrderBy(i => i.CustomerId).Select(i => i.ExternalRef).ToListAsync());
        Assert.Equal(["odoo:account.move/102", "odoo:account.move/103"], refs);
    }

    [Fact]
    public async Task Scheduler_catches_up_a_missed_month_once()
    {
        await ArrangeJanuaryAsync(Control);
        // Control was down on 2 February at 00:00; it comes back on the 5th.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-02-05T08:00:00Z"));
        var scheduled = new Dictionary<string, string?> { ["Control:Invoicing:SchedulerEnabled"] = "true" };
        await using (var control = new ControlFactory(ConnectionString, scheduled, time))
        {
            _ = control.Server;
            await Eventually.TrueAsync(() => WithDbAsync(control, db => db.InvoicingRuns.AnyAsync()), "the catch-up run");
            Assert.Equal(new DateOnly(2026, 1, 1), await WithDbAsync(control, db => db.InvoicingRuns.Select(r => r.PeriodStart).SingleAsync()));
            Assert.Equal(2, await WithDbAsync(control, db => db.Invoices.CountAsync()));
        }
        await using (var restarted = new ControlFactory(ConnectionString, scheduled, time))
        {
            var scheduler = restarted.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
                .OfType<HybridInference.Control.Invoicing.InvoicingScheduler>().Single();
            Assert.False(await scheduler.RunDueAsync(CancellationToken.None));
            Assert.Equal(1, await WithDbAsync(restarted, db => db.InvoicingRuns.CountAsync()));
        }
    }

    [Theory]
    [InlineData("2026-02-01T23:59:59Z", "2026-01-02T00:00:00Z")]
    [InlineData("2026-02-02T00:00:00Z", "2026-02-02T00:00:00Z")]
    [InlineData("2026-12-31T12:00:00Z", "2026-12-02T00:00:00Z")]
    public void Last_due_run_is_the_latest_2nd_of_a_month_at_midnight(string now, string due) =>
        Assert.Equal(DateTimeOffset.Parse(due), HybridInference.Control.Invoicing.InvoicingScheduler.LastDue(DateTimeOffset.Parse(now)));
}
