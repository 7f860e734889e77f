using System.Security.Claims;
using HybridInference.Contracts.Configuration;
using HybridInference.Control.Database;
using HybridInference.Control.RouterConfiguration;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static HybridInference.Control.RouterConfiguration.ConfigApi;

namespace HybridInference.Control.Catalog;

/// <summary>
/// Models, backends and routes. Each write goes through <see cref="RouterConfigStore"/>: validated as a whole
/// config, audited, stored as a new config version and announced.
/// </summary>
internal static class CatalogApi
{
    /// <summary>The routing section: roles and aliases, <c>auto</c> rules and the guard policy.</summary>
    internal sealed record RoutingView(IReadOnlyList<RouteConfig> Routes, AutoRoutingConfig Auto, GuardPolicy Guard);

    /// <summary>Body of <c>PUT /v1/admin/routes/{name}</c>; null policies take the config's defaults.</summary>
    internal sealed record RouteRequest(
        IReadOnlyList<string>? Candidates, BackendLocality? Locality = null, GuardMode? Guard = null,
        ClassifierUnavailablePolicy? OnClassifierUnavailable = null);

    /// <summary>One row of a model's price history.</summary>
    internal sealed record PriceView(DateTimeOffset ValidFrom, ModelPricing Pricing);

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/admin/models").RequireAuthorization(ControlRoles.AdminPolicy);
        models.MapGet("/", ListModelsAsync);
        models.MapGet("/{id}", GetModelAsync);
        models.MapGet("/{id}/prices", GetPricesAsync);
        models.MapPost("/", (CatalogModelRequest request, ControlDb db, RouterConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            PutModelAsync(request.Id ?? "", request, db, store, time, user, ct));
        models.MapPut("/{id}", PutModelAsync);
        models.MapDelete("/{id}", (string id, ControlDb db, RouterConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            DeleteAsync(db, "model", id, c => c.Models.Any(m => m.Id == id), c => c with { Models = [.. c.Models.Where(m => m.Id != id)] }, store, time, user, ct));
        models.MapPost("/import", KubeAiModelImport.ImportAsync);

        var backends = app.MapGroup("/v1/admin/backends").RequireAuthorization(ControlRoles.AdminPolicy);
        backends.MapGet("/", async (ControlDb db, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok((await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), ct)).Backends));
        backends.MapPut("/{name}", PutBackendAsync);
        backends.MapDelete("/{name}", (string name, ControlDb db, RouterConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            DeleteAsync(db, "backend", name, c => c.Backends.Any(b => b.Name == name), c => c with { Backends = [.. c.Backends.Where(b => b.Name != name)] }, store, time, user, ct));

        // Route names may hold '/', as aliases like local/chat do.
        var routes = app.MapGroup("/v1/admin/routes").RequireAuthorization(ControlRoles.AdminPolicy);
        routes.MapGet("/", async (ControlDb db, TimeProvider time, CancellationToken ct) =>
        {
            var config = await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), ct);
            return TypedResults.Ok(new RoutingView(config.Routes, config.Auto, config.Guard));
        });
        routes.MapPut("/", (RoutingView routing, ControlDb db, RouterConfigStore store, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeResultAsync(store.ChangeAsync(db, user.Actor(), "replace", "routes", "*",
                c => c with { Routes = routing.Routes ?? [], Auto = routing.Auto ?? new(), Guard = routing.Guard ?? new() }, ct), db, ct));
        routes.MapPut("/{**name}", PutRouteAsync);
        routes.MapDelete("/{**name}", (string name, ControlDb db, RouterConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            DeleteAsync(db, "route", name, c => c.Routes.Any(r => r.Name == name), c => c with { Routes = [.. c.Routes.Where(r => r.Name != name)] }, store, time, user, ct));
        return app;
    }

    private static async Task<Ok<CatalogModelRequest[]>> ListModelsAsync(ControlDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var config = await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), cancellationToken);
        var rows = await db.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);
        return TypedResults.Ok(config.Models.Select(m => CatalogModelRequest.From(rows[m.Id], m)).ToArray());
    }

    private static async Task<Results<Ok<CatalogModelRequest>, ProblemHttpResult>> GetModelAsync(string id, ControlDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var config = await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), cancellationToken);
        return config.Models.FirstOrDefault(m => m.Id == id) is { } model
            ? TypedResults.Ok(CatalogModelRequest.From(await db.Models.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken), model))
            : ControlProblems.NotFound("model", id);
    }

    private static async Task<Results<Ok<PriceView[]>, ProblemHttpResult>> GetPricesAsync(string id, ControlDb db, CancellationToken cancellationToken)
    {
        var prices = await db.ModelPrices.AsNoTracking().Where(p => p.ModelId == id).OrderBy(p => p.ValidFrom).ToListAsync(cancellationToken);
        return prices.Count == 0 ? ControlProblems.NotFound($"model '{id}' has no prices") : TypedResults.Ok(prices.Select(p => new PriceView(p.ValidFrom, RouterConfigStore.ToPricing(p))).ToArray());
    }

    /// <summary>Creates or replaces a model; a changed price starts a new price row valid from now.</summary>
    internal static async Task<Results<Ok<ConfigVersionSummary>, ValidationProblem>> PutModelAsync(
        string id, CatalogModelRequest request, ControlDb db, RouterConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        request = request with { Id = id };
        if (request.Validate() is { Any: true } errors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var model = request.ToModelConfig();
        var change = store.ChangeAsync(db, user.Actor(), "put", "model", id,
            c => c with { Models = c.Models.Any(m => m.Id == id) ? [.. c.Models.Select(m => m.Id == id ? model : m)] : [.. c.Models, model] },
            cancellationToken,
            afterSync: d => request.ApplyMetadata(d.Models.Local.First(m => m.Id == id)));
        return await ChangeResultAsync(change, db, cancellationToken);
    }

    private static Task<Results<Ok<ConfigVersionSummary>, ValidationProblem>> PutBackendAsync(
        string name, BackendConfig backend, ControlDb db, RouterConfigStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        backend = backend with { Name = name };
        return ChangeResultAsync(store.ChangeAsync(db, user.Actor(), "put", "backend", name,
            c => c with { Backends = c.Backends.Any(b => b.Name == name) ? [.. c.Backends.Select(b => b.Name == name ? backend : b)] : [.. c.Backends, backend] },
            cancellationToken), db, cancellationToken);
    }

    private static Task<Results<Ok<ConfigVersionSummary>, ValidationProblem>> PutRouteAsync(
        string name, RouteRequest request, ControlDb db, RouterConfigStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var route = new RouteConfig
        {
            Name = name, Candidates = request.Candidates ?? [], Locality = request.Locality, Guard = request.Guard,
            OnClassifierUnavailable = request.OnClassifierUnavailable,
        };
        return ChangeResultAsync(store.ChangeAsync(db, user.Actor(), "put", "route", name,
            c => c with { Routes = c.Routes.Any(r => r.Name == name) ? [.. c.Routes.Select(r => r.Name == name ? route : r)] : [.. c.Routes, route] },
            cancellationToken), db, cancellationToken);
    }

    private static async Task<Results<Ok<ConfigVersionSummary>, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        ControlDb db, string entity, string id, Func<RouterConfig, bool> exists, Func<RouterConfig, RouterConfig> remove,
        RouterConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Checked before the change so that deleting something absent writes no empty version.
        if (!exists(await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), cancellationToken)))
        {
            return ControlProblems.NotFound(entity, id);
        }
        var change = store.ChangeAsync(db, user.Actor(), "delete", entity, id, remove, cancellationToken);
        return Widen(await ChangeResultAsync(change, db, cancellationToken));
    }
}
