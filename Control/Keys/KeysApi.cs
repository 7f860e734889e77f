using System.Security.Claims;
using System.Security.Cryptography;
using HybridInference.Contracts.Keys;
using HybridInference.Control.Audit;
using HybridInference.Control.Changes;
using HybridInference.Control.Database;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Keys;

internal static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/admin/keys").RequireAuthorization(ControlRoles.AdminPolicy);
        keys.MapGet("/", ListAsync);
        keys.MapGet("/{id}", GetAsync);
        keys.MapPost("/", CreateAsync);
        keys.MapPut("/{id}", UpdateAsync);
        keys.MapDelete("/{id}", RevokeAsync);
        keys.MapPost("/{id}/revoke", RevokeAsync);
        keys.MapPost("/{id}/rotate", RotateAsync);

        app.MapGet("/v1/internal/keys/{hash}", LookupAsync).RequireAuthorization(ControlRoles.InternalPolicy);
        return app;
    }

    private static async Task<Ok<KeyView[]>> ListAsync([FromQuery(Name = "customer_id")] string? customerId, ControlDb db, CancellationToken cancellationToken)
    {
        var query = db.Keys.AsNoTracking();
        if (customerId is not null)
        {
            query = query.Where(k => k.CustomerId == customerId);
        }
        return TypedResults.Ok((await query.OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken)).Select(k => KeyView.From(k)).ToArray());
    }

    private const string Entity = "key";

    private static async Task<Results<Ok<KeyView>, ProblemHttpResult>> GetAsync(string id, ControlDb db, CancellationToken cancellationToken) =>
        await db.Keys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is { } key
            ? TypedResults.Ok(KeyView.From(key))
            : ControlProblems.NotFound(Entity, id);

    private static async Task<Results<Created<KeyView>, ValidationProblem>> CreateAsync(
        KeyRequest request, ControlDb db, AuditLog audit, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Validate(creating: true) is { Any: true } errors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (!await db.Customers.AnyAsync(c => c.Id == request.CustomerId && c.DeletedAt == null, cancellationToken))
        {
            return TypedResults.ValidationProblem(FieldErrors.One("customer_id", $"unknown customer '{request.CustomerId}'"));
        }
        var secret = VirtualKeySecret.Generate();
        var now = time.GetUtcNow();
        var key = new VirtualKey
        {
            Id = "key_" + RandomNumberGenerator.GetHexString(16, lowercase: true),
            CustomerId = request.CustomerId!,
            Name = request.Name!,
            Prefix = VirtualKeySecret.Prefix(secret),
            Hash = VirtualKeySecret.Hash(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(key, request);
        db.Keys.Add(key);
        audit.Record(db, user.Actor(), "create", "key", key.Id, KeyView.From(key));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/admin/keys/{key.Id}", KeyView.From(key, secret));
    }

    private static async Task<Results<Ok<KeyView>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string id, KeyRequest request, ControlDb db, AuditLog audit, IChangeNotifier changes, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (request.Validate(creating: false) is { Any: true } errors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (await db.Keys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is not { } key)
        {
            return ControlProblems.NotFound(Entity, id);
        }
        key.Name = request.Name!;
        Apply(key, request);
        key.UpdatedAt = time.GetUtcNow();
        audit.Record(db, user.Actor(), "update", "key", id, KeyView.From(key));
        await db.SaveChangesAsync(cancellationToken);
        await changes.KeyChangedAsync(key.Hash, cancellationToken);
        return TypedResults.Ok(KeyView.From(key));
    }

    private static async Task<Results<Ok<KeyView>, ProblemHttpResult>> RevokeAsync(
        string id, ControlDb db, AuditLog audit, IChangeNotifier changes, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.Keys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is not { } key)
        {
            return ControlProblems.NotFound(Entity, id);
        }
        if (key.RevokedAt is null)
        {
            key.RevokedAt = key.UpdatedAt = time.GetUtcNow();
            audit.Record(db, user.Actor(), "revoke", "key", id);
            await db.SaveChangesAsync(cancellationToken);
            await changes.KeyChangedAsync(key.Hash, cancellationToken);
        }
        return TypedResults.Ok(KeyView.From(key));
    }

    /// <summary>A new secret for the same key (same id, limits and usage); the old secret stops working at once.</summary>
    private static async Task<Results<Ok<KeyView>, ProblemHttpResult>> RotateAsync(
        string id, ControlDb db, AuditLog audit, IChangeNotifier changes, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.Keys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is not { } key)
        {
            return ControlProblems.NotFound(Entity, id);
        }
        if (key.RevokedAt is not null)
        {
            return ControlProblems.Conflict($"key '{id}' is revoked; a revoked key cannot be rotated");
        }
        var oldHash = key.Hash;
        var secret = VirtualKeySecret.Generate();
        key.Hash = VirtualKeySecret.Hash(secret);
        key.Prefix = VirtualKeySecret.Prefix(secret);
        key.UpdatedAt = time.GetUtcNow();
        audit.Record(db, user.Actor(), "rotate", "key", id, new { prefix = key.Prefix });
        await db.SaveChangesAsync(cancellationToken);
        await changes.KeyChangedAsync(oldHash, cancellationToken);
        return TypedResults.Ok(KeyView.From(key, secret));
    }

    /// <summary>The Router's key lookup: revoked and expired keys are answered too (so the Router can say why), unknown ones are 404.</summary>
    private static async Task<Results<Ok<KeyPolicy>, ProblemHttpResult>> LookupAsync(
        string hash, ControlDb db, TimeProvider time, IOptions<ControlOptions> options, CancellationToken cancellationToken)
    {
        hash = hash.ToLowerInvariant();
        if (!VirtualKeySecret.IsHash(hash))
        {
            return UnknownKey();
        }
        var found = await db.Keys.AsNoTracking()
            .Where(k => k.Hash == hash)
            .Select(k => new { Key = k, CustomerDeleted = db.Customers.Any(c => c.Id == k.CustomerId && c.DeletedAt != null) })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return UnknownKey();
        }
        var key = found.Key;
        var now = time.GetUtcNow();
        var monthStart = new DateOnly(now.Year, now.Month, 1);
        var spent = await db.UsageDaily.Where(u => u.KeyId == key.Id && u.Day >= monthStart).SumAsync(u => (decimal?)u.Cost, cancellationToken) ?? 0m;
        return TypedResults.Ok(new KeyPolicy
        {
            KeyId = key.Id,
            CustomerId = key.CustomerId,
            Prefix = key.Prefix,
            AllowedModels = key.AllowedModels,
            RequestsPerMinute = key.RequestsPerMinute,
            TokensPerMinute = key.TokensPerMinute,
            MonthlyBudget = key.MonthlyBudget,
            SpentThisMonth = spent,
            ExpiresAt = key.ExpiresAt,
            Revoked = key.RevokedAt is not null || found.CustomerDeleted,
            Guard = key.Guard,
            OnClassifierUnavailable = key.OnClassifierUnavailable,
            CacheSeconds = options.Value.KeyCacheSeconds,
        });
    }

    // The hash is not echoed: it is as good as the key for anyone reading logs of failed lookups.
    private static ProblemHttpResult UnknownKey() => ControlProblems.NotFound("no key has this hash");

    private static void Apply(VirtualKey key, KeyRequest request)
    {
        key.AllowedModels = request.AllowedModels?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        key.RequestsPerMinute = request.RequestsPerMinute;
        key.TokensPerMinute = request.TokensPerMinute;
        key.MonthlyBudget = request.MonthlyBudget;
        key.ExpiresAt = request.ExpiresAt;
        key.Guard = request.GuardMode;
        key.OnClassifierUnavailable = request.ClassifierUnavailable;
    }
}
