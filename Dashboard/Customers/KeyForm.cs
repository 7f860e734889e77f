using System.Globalization;
using HybridInference.Dashboard.Fabric;

namespace HybridInference.Dashboard.Customers;

/// <summary>What the operator types for a key's limits, for issuing a key or editing one.</summary>
public sealed class KeyForm
{
    public string? Name { get; set; }
    /// <summary>Comma-separated; empty means every model.</summary>
    public string? Models { get; set; }
    public int? RequestsPerMinute { get; set; }
    public int? TokensPerMinute { get; set; }
    public decimal? MonthlyBudget { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    /// <summary><c>all</c>, <c>auto_only</c>, <c>off</c>, or empty for the route's and config's.</summary>
    public string? Guard { get; set; }
    /// <summary><c>open</c>, <c>closed</c>, or empty for the route's and config's.</summary>
    public string? OnClassifierUnavailable { get; set; }

    /// <summary>The form filled with a key's current limits.</summary>
    public static KeyForm From(KeyView key) => new()
    {
        Name = key.Name,
        Models = string.Join(", ", key.AllowedModels),
        RequestsPerMinute = key.RequestsPerMinute,
        TokensPerMinute = key.TokensPerMinute,
        MonthlyBudget = key.MonthlyBudget,
        // Shown as the day it ends (UTC), which is what the date picker can hold.
        ExpiresOn = key.ExpiresAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null,
        Guard = key.Guard,
        OnClassifierUnavailable = key.OnClassifierUnavailable,
    };

    /// <summary>Control's body for the key; Control validates it and says what to fix.</summary>
    public KeyRequest ToRequest(string? customerId) => new(
        customerId, Name ?? "",
        (Models ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        RequestsPerMinute, TokensPerMinute, MonthlyBudget,
        ExpiresOn is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        NullIfEmpty(Guard), NullIfEmpty(OnClassifierUnavailable));

    /// <summary>The limits in one line, as the page confirms a save.</summary>
    public string Describe() =>
        $"{(string.IsNullOrWhiteSpace(Models) ? "all models" : Models)}, rpm {Limit(RequestsPerMinute)}, tpm {Limit(TokensPerMinute)}, "
        + $"budget {(MonthlyBudget is { } b ? b.ToString("0.00", CultureInfo.InvariantCulture) : "none")}, "
        + $"expires {ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never"}";

    private static string Limit(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
