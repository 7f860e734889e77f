using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;
using HybridInference.Contracts.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>Control's internal API as the Router sees it: key lookup, router config with ETag, usage ingestion.</summary>
public sealed class FakeControl : IAsyncDisposable
{
    public const string InternalToken = "internal-test-token";

    private readonly KestrelHost _host;
    private readonly ConcurrentDictionary<string, KeyPolicy> _keys = new();

    private FakeControl(KestrelHost host) => _host = host;

    public string Url => _host.Url;

    /// <summary>When false, usage ingestion answers 503 (Control unreachable for the Router's purposes).</summary>
    public volatile bool AcceptsUsage = true;

    /// <summary>Usage batches holding a record for this requested model are refused as invalid (400).</summary>
    public volatile string? RefusesModel;

    public RouterConfig? Config { get; set; }

    /// <summary>Usage records stored, by request id, with how often each was sent.</summary>
    public ConcurrentDictionary<string, (UsageRecord Record, int Times)> Usage { get; } = new();

    public int KeyLookups;

    public static async Task<FakeControl> StartAsync()
    {
        FakeControl? control = null;
        var host = await KestrelHost.StartAsync(app =>
        {
            app.MapGet("/v1/internal/keys/{hash}", (HttpContext context, string hash) => control!.LookUpKey(context, hash));
            app.MapGet("/v1/internal/router-config", (Func<HttpContext, IResult>)(context => control!.GetConfig(context)));
            app.MapPost("/v1/internal/usage", (Func<HttpContext, Task<IResult>>)(context => control!.IngestAsync(context)));
        });
        control = new FakeControl(host);
        return control;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void SetKey(string key, KeyPolicy policy) => _keys[Hash(key)] = policy;

    public void RemoveKey(string key) => _keys.TryRemove(Hash(key), out _);

    private IResult LookUpKey(HttpContext context, string hash)
    {
        if (!Authorized(context))
        {
            return Results.Unauthorized();
        }
        Interlocked.Increment(ref KeyLookups);
        return _keys.TryGetValue(hash, out var policy) ? Results.Json(policy, ContractJson.Options) : Results.NotFound();
    }

    private IResult GetConfig(HttpContext context)
    {
        if (!Authorized(context))
        {
            return Results.Unauthorized();
        }
        if (Config is not { } config)
        {
            return Results.NotFound();
        }
        var etag = $"\"{config.Version}\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(304);
        }
        context.Response.Headers.ETag = etag;
        return Results.Json(config, ContractJson.Options);
    }

    private async Task<IResult> IngestAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            return Results.Unauthorized();
        }
        if (!AcceptsUsage)
        {
            return Results.StatusCode(503);
        }
        var batch = await JsonSerializer.DeserializeAsync<UsageBatch>(context.Request.Body, ContractJson.Options);
        if (batch!.Records.Any(r => r.RequestedModel == RefusesModel))
        {
            return Results.BadRequest();
        }
        int accepted = 0, duplicates = 0;
        foreach (var record in batch!.Records)
        {
            var stored = Usage.AddOrUpdate(record.RequestId, (record, 1), (_, existing) => (existing.Record, existing.Times + 1));
            if (stored.Times == 1)
            {
                accepted++;
            }
            else
            {
                duplicates++;
            }
        }
        return Results.Json(new UsageIngestResult(accepted, duplicates), ContractJson.Options);
    }

    private static bool Authorized(HttpContext context) => context.Request.Headers.Authorization == $"Bearer {InternalToken}";

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
