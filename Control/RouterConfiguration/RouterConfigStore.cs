using System.Text.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Configuration;
using HybridInference.Control.Audit;
using HybridInference.Control.Catalog;
using HybridInference.Control.Changes;
using HybridInference.Control.Database;
using Microsoft.EntityFrameworkCore;

namespace HybridInference.Control.RouterConfiguration;

/// <summary>
/// The catalog tables (backends, models, prices, routes, rules, settings) are the source of truth. Every change
/// assembles the current config from them, applies an edit, validates the result, writes the tables back and stores
/// the whole config as a new numbered version, all in one transaction; then announces the version.
/// </summary>
internal sealed class RouterConfigStore(AuditLog audit, IChangeNotifier changes, TimeProvider time)
{
    // Serialises config writers across replicas so versions stay gap-free and edits never interleave.
    private const long ConfigWriteLock = 0x4869_436f_6e66;

    public static string ToJson(RouterConfig config) => JsonSerializer.Serialize(config, ContractJson.Options);

    public static RouterConfig FromJson(string json) => JsonSerializer.Deserialize<RouterConfig>(json, ContractJson.Options)!;

    public static Task<ConfigVersion?> CurrentAsync(ControlDb db, CancellationToken cancellationToken) =>
        db.ConfigVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Applies <paramref name="edit"/> to the current config; <paramref name="afterSync"/> may touch the synced rows (e.g. model metadata) before commit.</summary>
    public async Task<ConfigChange> ChangeAsync(
        ControlDb db, string actor, string action, string entity, string entityId, Func<RouterConfig, RouterConfig> edit,
        CancellationToken cancellationToken, Action<ControlDb>? afterSync = null, string? comment = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ConfigWriteLock})", cancellationToken);
        var now = time.GetUtcNow();
        var next = edit(await AssembleAsync(db, now, cancellationToken));
        var errors = ConfigLimits.Check(next).Concat(RouterConfigValidator.Validate(next)).ToList();
        if (errors.Count > 0)
        {
            return ConfigChange.Refused(errors);
        }
        await SyncAsync(db, next, now, cancellationToken);
        afterSync?.Invoke(db);
        var version = (await db.ConfigVersions.MaxAsync(v => (long?)v.Version, cancellationToken) ?? 0) + 1;
        db.ConfigVersions.Add(new ConfigVersion
        {
            Version = version,
            Config = ToJson(next with { Version = version }),
            CreatedAt = now,
            CreatedBy = actor,
            Comment = comment ?? $"{action} {entity} {entityId}",
        });
        audit.Record(db, actor, action, entity, entityId, new { version, comment });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.ConfigChangedAsync(version, cancellationToken);
        return new ConfigChange(version, []);
    }

    /// <summary>The config the catalog tables describe, priced with the prices in force at <paramref name="at"/>.</summary>
    public static async Task<RouterConfig> AssembleAsync(ControlDb db, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var backends = await db.Backends.AsNoTracking().OrderBy(b => b.Position).ToListAsync(cancellationToken);
        var models = await db.Models.AsNoTracking().OrderBy(m => m.Position).ToListAsync(cancellationToken);
        var prices = await CurrentPricesAsync(db, at, cancellationToken);
        var routes = await db.Routes.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var rules = await db.RoutingRules.AsNoTracking().OrderBy(r => r.Domain).ToListAsync(cancellationToken);
        var settings = await db.RoutingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new RoutingSettings();
        return new RouterConfig
        {
            Backends = backends.Select(b => new BackendConfig
            {
                Name = b.Name, Url = b.Url, Kind = b.Kind, Locality = b.Locality, ApiKeySecret = b.ApiKeySecret,
                MaxConcurrency = b.MaxConcurrency, Weight = b.Weight, SupportsContinuation = b.SupportsContinuation,
            }).ToList(),
            Models = models.Select(m => new ModelConfig
            {
                Id = m.Id, Name = m.Name, HuggingFaceId = m.HuggingFaceId, ContextLength = m.ContextLength,
                MaxOutputLength = m.MaxOutputLength, Kind = m.Kind, Features = m.Features, Locality = m.Locality,
                Pricing = prices.TryGetValue(m.Id, out var price) ? ToPricing(price) : new ModelPricing(),
                Targets = JsonSerializer.Deserialize<List<ModelTarget>>(m.Targets, ContractJson.Options) ?? [],
            }).ToList(),
            Routes = routes.Select(r => new RouteConfig
            {
                Name = r.Name, Candidates = r.Candidates, Locality = r.Locality, Guard = r.Guard, OnClassifierUnavailable = r.OnClassifierUnavailable,
            }).ToList(),
            Auto = new AutoRoutingConfig
            {
                DefaultRoute = settings.DefaultRoute,
                ClassifierTimeoutMs = settings.ClassifierTimeoutMs,
                Domains = rules.ToDictionary(r => r.Domain, r => r.Target),
            },
            Guard = new GuardPolicy
            {
                Mode = settings.GuardMode,
                OnClassifierUnavailable = settings.OnClassifierUnavailable,
                JailbreakThreshold = settings.JailbreakThreshold,
                JailbreakAction = settings.JailbreakAction,
                PiiAction = settings.PiiAction,
            },
            Cache = new ResponseCacheConfig
            {
                Enabled = settings.CacheEnabled,
                TtlSeconds = settings.CacheTtlSeconds,
                MaxEntries = settings.CacheMaxEntries,
                MaxEntryBytes = settings.CacheMaxEntryBytes,
                HitPrice = settings.CacheHitPrice,
            },
        };
    }

    /// <summary>Each model's price row in force at <paramref name="at"/>.</summary>
    public static async Task<Dictionary<string, ModelPrice>> CurrentPricesAsync(ControlDb db, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await db.ModelPrices.AsNoTracking().Where(p => p.ValidFrom <= at).ToListAsync(cancellationToken))
            .GroupBy(p => p.ModelId)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.ValidFrom)!, StringComparer.Ordinal);

    public static ModelPricing ToPricing(ModelPrice p) => new()
    {
        Prompt = p.Prompt, Completion = p.Completion, Request = p.Request, Image = p.Image,
        InputCacheRead = p.InputCacheRead, InputCacheWrite = p.InputCacheWrite,
    };

    private static async Task SyncAsync(ControlDb db, RouterConfig config, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var backends = await db.Backends.ToDictionaryAsync(b => b.Name, cancellationToken);
        db.Backends.RemoveRange(backends.Values.Where(b => config.Backends.All(c => c.Name != b.Name)));
        for (var i = 0; i < config.Backends.Count; i++)
        {
            var c = config.Backends[i];
            if (!backends.TryGetValue(c.Name, out var row))
            {
                db.Backends.Add(row = new CatalogBackend { Name = c.Name, Url = c.Url });
            }
            (row.Url, row.Kind, row.Locality, row.ApiKeySecret) = (c.Url, c.Kind, c.Locality, c.ApiKeySecret);
            (row.MaxConcurrency, row.Weight, row.SupportsContinuation, row.Position) = (c.MaxConcurrency, c.Weight, c.SupportsContinuation, i);
        }

        var models = await db.Models.ToDictionaryAsync(m => m.Id, cancellationToken);
        var prices = await CurrentPricesAsync(db, now, cancellationToken);
        var priced = (await db.ModelPrices.Select(p => p.ModelId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        db.Models.RemoveRange(models.Values.Where(m => config.Models.All(c => c.Id != m.Id)));
        for (var i = 0; i < config.Models.Count; i++)
        {
            var c = config.Models[i];
            if (!models.TryGetValue(c.Id, out var row))
            {
                db.Models.Add(row = new CatalogModel
                {
                    Id = c.Id, CreatedAt = now,
                    InputModalities = ["text"], OutputModalities = [c.Kind == "embedding" ? "embeddings" : "text"],
                });
            }
            (row.Name, row.HuggingFaceId, row.ContextLength, row.MaxOutputLength, row.Kind) = (c.Name, c.HuggingFaceId, c.ContextLength, c.MaxOutputLength, c.Kind);
            row.Features = [.. c.Features];
            row.Locality = c.Locality;
            row.Targets = JsonSerializer.Serialize(c.Targets, ContractJson.Options);
            row.Position = i;
            await SyncPriceAsync(db, c, prices.GetValueOrDefault(c.Id), priced.Contains(c.Id), now, cancellationToken);
        }

        var routes = await db.Routes.ToDictionaryAsync(r => r.Name, cancellationToken);
        db.Routes.RemoveRange(routes.Values.Where(r => config.Routes.All(c => c.Name != r.Name)));
        for (var i = 0; i < config.Routes.Count; i++)
        {
            var c = config.Routes[i];
            if (!routes.TryGetValue(c.Name, out var row))
            {
                db.Routes.Add(row = new CatalogRoute { Name = c.Name });
            }
            (row.Candidates, row.Locality, row.Guard, row.OnClassifierUnavailable, row.Position) =
                ([.. c.Candidates], c.Locality, c.Guard, c.OnClassifierUnavailable, i);
        }

        var rules = await db.RoutingRules.ToDictionaryAsync(r => r.Domain, cancellationToken);
        db.RoutingRules.RemoveRange(rules.Values.Where(r => !config.Auto.Domains.ContainsKey(r.Domain)));
        foreach (var (domain, target) in config.Auto.Domains)
        {
            if (!rules.TryGetValue(domain, out var row))
            {
                db.RoutingRules.Add(row = new RoutingRule { Domain = domain, Target = target });
            }
            row.Target = target;
        }

        var settings = await db.RoutingSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            db.RoutingSettings.Add(settings = new RoutingSettings());
        }
        settings.DefaultRoute = config.Auto.DefaultRoute;
        settings.ClassifierTimeoutMs = config.Auto.ClassifierTimeoutMs;
        settings.JailbreakThreshold = config.Guard.JailbreakThreshold;
        settings.JailbreakAction = config.Guard.JailbreakAction;
        settings.PiiAction = config.Guard.PiiAction;
        (settings.GuardMode, settings.OnClassifierUnavailable) = (config.Guard.Mode, config.Guard.OnClassifierUnavailable);
        var cache = config.Cache;
        (settings.CacheEnabled, settings.CacheTtlSeconds, settings.CacheMaxEntries) = (cache.Enabled, cache.TtlSeconds, cache.MaxEntries);
        (settings.CacheMaxEntryBytes, settings.CacheHitPrice) = (cache.MaxEntryBytes, cache.HitPrice);
    }

    /// <summary>
    /// A changed price becomes a new row valid from now, so usage already made keeps its price. A model's first
    /// price is valid from the beginning of time: usage that reached Control before the model did is still priced.
    /// </summary>
    private static async Task SyncPriceAsync(ControlDb db, ModelConfig model, ModelPrice? current, bool hasHistory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = model.Pricing;
        if (current is not null && ToPricing(current) == wanted)
        {
            return;
        }
        var validFrom = hasHistory ? now : DateTimeOffset.UnixEpoch;
        var row = await db.ModelPrices.FirstOrDefaultAsync(p => p.ModelId == model.Id && p.ValidFrom == validFrom, cancellationToken);
        if (row is null)
        {
            db.ModelPrices.Add(row = new ModelPrice { ModelId = model.Id, ValidFrom = validFrom });
        }
        (row.Prompt, row.Completion, row.Request) = (wanted.Prompt, wanted.Completion, wanted.Request);
        (row.Image, row.InputCacheRead, row.InputCacheWrite) = (wanted.Image, wanted.InputCacheRead, wanted.InputCacheWrite);
    }
}
