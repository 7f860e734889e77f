using System.Text.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Keys;

/// <summary>Body of key create (<c>POST</c>, <see cref="CustomerId"/> required) and update (<c>PUT</c>, customer ignored).</summary>
/// <param name="CustomerId">Owner of the key.</param>
/// <param name="Name">What the key is for.</param>
/// <param name="AllowedModels">Models, roles, aliases or <c>auto</c> the key may use; empty or null means all.</param>
/// <param name="RequestsPerMinute">Limit, or null for none.</param>
/// <param name="TokensPerMinute">Limit, or null for none.</param>
/// <param name="MonthlyBudget">Spending limit per calendar month in the catalog currency, or null.</param>
/// <param name="ExpiresAt">When the key stops working, or null.</param>
/// <param name="Guard"><c>all</c>, <c>auto_only</c> or <c>off</c>: overrides the route's and the config's; null: theirs.</param>
/// <param name="OnClassifierUnavailable"><c>open</c> or <c>closed</c>: overrides the route's and the config's; null: theirs.</param>
internal sealed record KeyRequest(
    string? CustomerId, string? Name, IReadOnlyList<string>? AllowedModels, int? RequestsPerMinute, int? TokensPerMinute,
    decimal? MonthlyBudget, DateTimeOffset? ExpiresAt, string? Guard = null, string? OnClassifierUnavailable = null)
{
    /// <summary>The guard override, once <see cref="Validate"/> found it valid.</summary>
    public GuardMode? GuardMode => Parse<GuardMode>(Guard);

    /// <summary>The classifier-unavailable override, once <see cref="Validate"/> found it valid.</summary>
    public ClassifierUnavailablePolicy? ClassifierUnavailable => Parse<ClassifierUnavailablePolicy>(OnClassifierUnavailable);

    public FieldErrors Validate(bool creating)
    {
        var errors = new FieldErrors().Required("name", Name, 200).Each("allowed_models", AllowedModels, 200)
            .AtLeast("requests_per_minute", RequestsPerMinute, 1).AtLeast("tokens_per_minute", TokensPerMinute, 1)
            .AtLeast("monthly_budget", MonthlyBudget, 0);
        if (!TryParse<GuardMode>(Guard, out _))
        {
            errors.Add("guard", "must be all, auto_only or off");
        }
        if (!TryParse<ClassifierUnavailablePolicy>(OnClassifierUnavailable, out _))
        {
            errors.Add("on_classifier_unavailable", "must be open or closed");
        }
        if (creating)
        {
            errors.Required("customer_id", CustomerId, 64);
        }
        if (AllowedModels is { Count: > 500 })
        {
            errors.Add("allowed_models", "must list at most 500 entries");
        }
        return errors;
    }

    private static T? Parse<T>(string? value) where T : struct, Enum => TryParse<T>(value, out var parsed) ? parsed : null;

    // The wire names (auto_only) are the contract's JSON names, so they are read with the contract's converter.
    private static bool TryParse<T>(string? value, out T? parsed) where T : struct, Enum
    {
        parsed = null;
        if (value is null)
        {
            return true;
        }
        try
        {
            parsed = JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value), ContractJson.Options);
            return Enum.IsDefined(parsed.Value);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>A key as the admin API shows it: never the secret, except <see cref="Key"/> once, when created or rotated.</summary>
internal sealed record KeyView(
    string Id, string CustomerId, string Name, string Prefix, IReadOnlyList<string> AllowedModels, int? RequestsPerMinute,
    int? TokensPerMinute, decimal? MonthlyBudget, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, GuardMode? Guard, ClassifierUnavailablePolicy? OnClassifierUnavailable, string? Key = null)
{
    public static KeyView From(VirtualKey k, string? secret = null) => new(
        k.Id, k.CustomerId, k.Name, k.Prefix, k.AllowedModels, k.RequestsPerMinute, k.TokensPerMinute, k.MonthlyBudget,
        k.ExpiresAt, k.RevokedAt, k.CreatedAt, k.UpdatedAt, k.Guard, k.OnClassifierUnavailable, secret);
}
