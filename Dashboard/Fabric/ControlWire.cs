using HybridInference.Contracts.Configuration;

namespace HybridInference.Dashboard.Fabric;

// The shapes of Control's admin API as the Dashboard reads them (snake_case JSON, Contracts conventions).

/// <summary>A customer.</summary>
public sealed record CustomerView(string Id, string Name, string? Email, DateTimeOffset CreatedAt);

/// <summary>A virtual key; <see cref="Key"/> is the secret, present once, when created or rotated.</summary>
public sealed record KeyView(
    string Id, string CustomerId, string Name, string Prefix, IReadOnlyList<string> AllowedModels, int? RequestsPerMinute,
    int? TokensPerMinute, decimal? MonthlyBudget, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt,
    string? Guard = null, string? OnClassifierUnavailable = null, string? Key = null);

/// <summary>Body of key create and update (an update replaces every limit, the guard overrides too).</summary>
public sealed record KeyRequest(
    string? CustomerId, string Name, IReadOnlyList<string>? AllowedModels, int? RequestsPerMinute, int? TokensPerMinute,
    decimal? MonthlyBudget, DateTimeOffset? ExpiresAt, string? Guard = null, string? OnClassifierUnavailable = null);

/// <summary>Answer of <c>GET /usage</c>.</summary>
public sealed record UsageReport(string StartDate, string EndDate, string GroupBy, IReadOnlyList<UsageReportRow> Rows, UsageTotals Total);

/// <summary>One group of a usage report; cost as an exact decimal string.</summary>
public sealed record UsageReportRow(string Group, long Requests, long PromptTokens, long CompletionTokens, string Cost);

/// <summary>Sums of a usage report.</summary>
public sealed record UsageTotals(long Requests, long PromptTokens, long CompletionTokens, string Cost);

/// <summary>A stored router config version without its body.</summary>
public sealed record ConfigVersionSummary(long Version, DateTimeOffset CreatedAt, string CreatedBy, string? Comment);

/// <summary>A stored router config version with its body.</summary>
public sealed record ConfigVersionView(long Version, DateTimeOffset CreatedAt, string CreatedBy, string? Comment, RouterConfig Config);

/// <summary>Answer of an invoicing run.</summary>
public sealed record InvoicingResult(
    DateOnly PeriodStart, DateOnly PeriodEnd, string DryRun, string Total, IReadOnlyList<InvoiceView> Invoices,
    IReadOnlyList<string> Duplicates, IReadOnlyList<string> UnknownCustomers, IReadOnlyDictionary<string, string> ExportErrors);

/// <summary>An invoice with its lines.</summary>
public sealed record InvoiceView(
    string Number, string CustomerId, string? CustomerName, DateOnly PeriodStart, DateOnly PeriodEnd, string Currency, string Total,
    IReadOnlyList<InvoiceLineView> Lines, DateTimeOffset? ExportedAt, string? ExternalRef);

/// <summary>One model's line on an invoice.</summary>
public sealed record InvoiceLineView(string Model, long Requests, long PromptTokens, long CompletionTokens, string Cost, string Amount);

/// <summary>A catalog model with its OpenRouter-style listing metadata (<c>/v1/admin/models</c>); saved back whole.</summary>
public sealed record CatalogModelView
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? HuggingFaceId { get; init; }
    public int ContextLength { get; init; }
    public int MaxOutputLength { get; init; }
    public string Kind { get; init; } = "chat";
    public string? Quantization { get; init; }
    public IReadOnlyList<string> InputModalities { get; init; } = [];
    public IReadOnlyList<string> OutputModalities { get; init; } = [];
    public IReadOnlyList<string> SupportedParameters { get; init; } = [];
    public IReadOnlyList<string> Features { get; init; } = [];
    public IReadOnlyList<string> Datacenters { get; init; } = [];
    public ModelPricing Pricing { get; init; } = new();
    public BackendLocality? Locality { get; init; }
    public IReadOnlyList<ModelTarget> Targets { get; init; } = [];
}

/// <summary>Body of <c>PUT /v1/admin/routes/{name}</c>; null policies take the config's defaults.</summary>
public sealed record RouteRequest(
    IReadOnlyList<string> Candidates, BackendLocality? Locality, GuardMode? Guard, ClassifierUnavailablePolicy? OnClassifierUnavailable);
