using HybridInference.Contracts.Configuration;

namespace HybridInference.Contracts.Keys;

/// <summary>
/// What the Router needs to know about a virtual key, answered by Control's key lookup by SHA-256 hash.
/// </summary>
public sealed record KeyPolicy
{
    /// <summary>The key's id in Control.</summary>
    public required string KeyId { get; set; }
    /// <summary>The customer owning the key.</summary>
    public required string CustomerId { get; set; }
    /// <summary>The key's visible prefix, e.g. <c>sk-hi-ab12</c>.</summary>
    public string? Prefix { get; set; }
    /// <summary>Models (catalog ids, roles, aliases or <c>auto</c>) the key may use; empty means all.</summary>
    public IReadOnlyList<string> AllowedModels { get; set; } = [];
    /// <summary>Requests per minute, or null for no limit.</summary>
    public int? RequestsPerMinute { get; set; }
    /// <summary>Tokens per minute, or null for no limit.</summary>
    public int? TokensPerMinute { get; set; }
    /// <summary>Spending limit per calendar month in the catalog's currency, or null for none.</summary>
    public decimal? MonthlyBudget { get; set; }
    /// <summary>What the key has spent this month so far, as Control knows it.</summary>
    public decimal SpentThisMonth { get; set; }
    /// <summary>When the key stops working, or null.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Whether the key was revoked.</summary>
    public bool Revoked { get; set; }
    /// <summary>Which of this key's requests are guarded; overrides the route's and the config's; null: theirs.</summary>
    public GuardMode? Guard { get; set; }
    /// <summary>What this key's guarded requests do while the classifier cannot answer; overrides the route's; null: theirs.</summary>
    public ClassifierUnavailablePolicy? OnClassifierUnavailable { get; set; }
    /// <summary>How long the Router may cache this answer, in seconds.</summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>Whether the key may use <paramref name="model"/> (a name it sent): all when the list is empty or holds <c>*</c>.</summary>
    public bool Allows(string model)
    {
        var allowed = AllowedModels;
        if (allowed.Count == 0)
        {
            return true;
        }
        for (var i = 0; i < allowed.Count; i++)
        {
            if (allowed[i] == model || allowed[i] == "*")
            {
                return true;
            }
        }
        return false;
    }
}
