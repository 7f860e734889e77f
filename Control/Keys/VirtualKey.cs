using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Keys;

/// <summary>A customer's API key. Only the SHA-256 hash of the secret and a visible prefix are stored.</summary>
internal sealed class VirtualKey
{
    public required string Id { get; set; }
    public required string CustomerId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the full secret.</summary>
    public required string Hash { get; set; }
    public List<string> AllowedModels { get; set; } = [];
    public int? RequestsPerMinute { get; set; }
    public int? TokensPerMinute { get; set; }
    public decimal? MonthlyBudget { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Overrides the route's and the config's guard mode; null: theirs.</summary>
    public GuardMode? Guard { get; set; }
    /// <summary>Overrides the route's and the config's classifier-unavailable policy; null: theirs.</summary>
    public ClassifierUnavailablePolicy? OnClassifierUnavailable { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
