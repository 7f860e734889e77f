using System.Security.Claims;
using System.Text.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Configuration;
using HybridInference.Control.Database;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using YamlDotNet.Core;

namespace HybridInference.Control.RouterConfiguration;

internal static class ConfigApi
{
    /// <summary>A stored version without its body.</summary>
    internal sealed record ConfigVersionSummary(long Version, DateTimeOffset CreatedAt, string CreatedBy, string? Comment);

    /// <summary>A stored version with the config.</summary>
    internal sealed record ConfigVersionView(long Version, DateTimeOffset CreatedAt, string CreatedBy, string? Comment, RouterConfig Config)
    {
        public static ConfigVersionView From(ConfigVersion v) => new(v.Version, v.CreatedAt, v.CreatedBy, v.Comment, RouterConfigStore.FromJson(v.Config));
    }

    public static IEndpointRouteBuilder MapConfigApi(this IEndpointRouteBuilder app)
    {
        var config = app.MapGroup("/v1/admin/config").RequireAuthorization(ControlRoles.AdminPolicy);
        config.MapGet("/", GetCurrentAsync);
        config.MapPut("/", ReplaceAsync);
        config.MapGet("/versions", ListVersionsAsync);
        config.MapGet("/versions/{version:long}", GetVersionAsync);
        config.MapPost("/versions/{version:long}/restore", RestoreAsync);

        app.MapGet("/v1/internal/router-config", GetForRouterAsync).RequireAuthorization(ControlRoles.InternalPolicy);
        return app;
    }

    private static async Task<Results<Ok<ConfigVersionView>, ProblemHttpResult>> GetCurrentAsync(ControlDb db, CancellationToken cancellationToken) =>
        await RouterConfigStore.CurrentAsync(db, cancellationToken) is { } current ? TypedResults.Ok(ConfigVersionView.From(current)) : NoConfigYet();

    /// <summary>Replaces the whole config with the body: contract JSON, or YAML when the content type says so.</summary>
    private static async Task<Results<Ok<ConfigVersionSummary>, ValidationProblem>> ReplaceAsync(
        HttpRequest request, ControlDb db, RouterConfigStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        RouterConfig? config;
        try
        {
            config = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true
                ? RouterConfigYaml.Parse(text)
                : JsonSerializer.Deserialize<RouterConfig>(text, ContractJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or YamlException)
        {
            return TypedResults.ValidationProblem(FieldErrors.One("body", ex.Message));
        }
        if (config is null)
        {
            return TypedResults.ValidationProblem(FieldErrors.One("body", "a router config is required"));
        }
        return await ChangeResultAsync(store.ChangeAsync(db, user.Actor(), "replace", "config", "*", _ => config, cancellationToken), db, cancellationToken);
    }

    private static async Task<Ok<ConfigVersionSummary[]>> ListVersionsAsync(ControlDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ConfigVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new ConfigVersionSummary(v.Version, v.CreatedAt, v.CreatedBy, v.Comment)).ToArrayAsync(cancellationToken));

    private static async Task<Results<Ok<ConfigVersionView>, ProblemHttpResult>> GetVersionAsync(long version, ControlDb db, CancellationToken cancellationToken) =>
        await db.ConfigVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, cancellationToken) is { } found
            ? TypedResults.Ok(ConfigVersionView.From(found))
            : NoSuchVersion(version);

    /// <summary>Rolls back by writing an old version's config as a new version (history is never rewritten).</summary>
    private static async Task<Results<Ok<ConfigVersionSummary>, ValidationProblem, ProblemHttpResult>> RestoreAsync(
        long version, ControlDb db, RouterConfigStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.ConfigVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, cancellationToken) is not { } old)
        {
            return NoSuchVersion(version);
        }
        var config = RouterConfigStore.FromJson(old.Config);
        var change = store.ChangeAsync(db, user.Actor(), "restore", "config", version.ToString(), _ => config, cancellationToken,
            comment: $"restore version {version}");
        return Widen(await ChangeResultAsync(change, db, cancellationToken));
    }

    /// <summary>The Router's poll: the newest version, with the version as ETag so an unchanged config costs a 304.</summary>
    private static async Task<IResult> GetForRouterAsync(HttpContext context, ControlDb db, CancellationToken cancellationToken)
    {
        var version = await db.ConfigVersions.MaxAsync(v => (long?)v.Version, cancellationToken);
        if (version is null)
        {
            return NoConfigYet();
        }
        var etag = new EntityTagHeaderValue($"\"{version}\"");
        context.Response.Headers.ETag = etag.ToString();
        if (EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var tags) && tags.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var json = await db.ConfigVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Config).FirstAsync(cancellationToken);
        return TypedResults.Text(json, "application/json");
    }

    /// <summary>A change's outcome as the answer of an endpoint that may also answer a problem of its own (404).</summary>
    internal static Results<Ok<ConfigVersionSummary>, ValidationProblem, ProblemHttpResult> Widen(Results<Ok<ConfigVersionSummary>, ValidationProblem> outcome) =>
        outcome.Result switch
        {
            Ok<ConfigVersionSummary> ok => ok,
            ValidationProblem problem => problem,
            var other => throw new InvalidOperationException($"A config change answered {other.GetType().Name}."),
        };

    private static ProblemHttpResult NoConfigYet() => ControlProblems.NotFound("no router config has been stored yet");

    private static ProblemHttpResult NoSuchVersion(long version) => ControlProblems.NotFound($"config version {version} does not exist");

    /// <summary>Turns a store outcome into 200 with the new version or 400 listing every problem.</summary>
    internal static async Task<Results<Ok<ConfigVersionSummary>, ValidationProblem>> ChangeResultAsync(
        Task<ConfigChange> pending, ControlDb db, CancellationToken cancellationToken)
    {
        var change = await pending;
        if (!change.Accepted)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["config"] = [.. change.Errors] });
        }
        var v = await db.ConfigVersions.AsNoTracking().FirstAsync(x => x.Version == change.Version, cancellationToken);
        return TypedResults.Ok(new ConfigVersionSummary(v.Version, v.CreatedAt, v.CreatedBy, v.Comment));
    }
}
