using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HybridInference.Control.Tests.Invoicing;

/// <summary>
/// Stands in for Odoo's JSON-RPC endpoint (no Odoo runs here): checks each call's envelope and credentials,
/// records the calls, knows no partners or moves at first and hands out increasing ids.
/// </summary>
internal sealed class FakeOdoo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _nextId = 100;

    public List<JsonObject> Calls { get; } = [];

    public List<string> Problems { get; } = [];

    public string Url { get; private set; } = "";

    private FakeOdoo(WebApplication app) => _app = app;

    public static async Task<FakeOdoo> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var odoo = new FakeOdoo(app);
        app.MapPost("/jsonrpc", async (HttpContext context) =>
        {
            var call = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            lock (odoo.Calls)
            {
                odoo.Calls.Add(call);
            }
            return Results.Json(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = call["id"]?.DeepClone(), ["result"] = odoo.Answer(call) });
        });
        await app.StartAsync();
        odoo.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return odoo;
    }

    private JsonNode? Answer(JsonObject call)
    {
        var p = call["params"]!;
        var args = p["args"]!.AsArray();
        if ((string?)call["jsonrpc"] != "2.0" || (string?)call["method"] != "call")
        {
            Problems.Add("not a JSON-RPC 2.0 call: " + call.ToJsonString());
        }
        switch ((string?)p["service"], (string?)p["method"])
        {
            case ("common", "login"):
                if ((string?)args[0] != "erp" || (string?)args[1] != "billing" || (string?)args[2] != "secret")
                {
                    Problems.Add("bad login " + args.ToJsonString());
                }
                return 7;
            case ("object", "execute_kw"):
                if ((string?)args[0] != "erp" || (int?)args[1] != 7 || (string?)args[2] != "secret")
                {
                    Problems.Add("execute_kw without the login's uid and password " + args.ToJsonString());
                }
                return (string?)args[4] switch
                {
                    "search" => new JsonArray(),
                    "create" => Interlocked.Increment(ref _nextId),
                    var other => Fail($"unexpected method {other}"),
                };
            default:
                return Fail("unexpected service " + p.ToJsonString());
        }
    }

    private JsonNode? Fail(string problem)
    {
        Problems.Add(problem);
        return null;
    }

    /// <summary>The <c>execute_kw</c> calls as (model, method, first argument).</summary>
    public List<(string Model, string Method, JsonNode Argument)> ExecuteCalls()
    {
        lock (Calls)
        {
            return [.. Calls.Where(c => (string?)c["params"]!["method"] == "execute_kw")
                .Select(c => c["params"]!["args"]!.AsArray())
                .Select(a => ((string)a[3]!, (string)a[4]!, a[5]!.AsArray()[0]!))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
