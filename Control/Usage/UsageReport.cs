namespace HybridInference.Control.Usage;

/// <summary>Answer of <c>GET /usage</c>.</summary>
internal sealed record UsageReport(string StartDate, string EndDate, string GroupBy, IReadOnlyList<UsageReportRow> Rows, UsageTotals Total);

/// <summary>One group: a day (<c>yyyy-MM-dd</c>), model, key id or customer id; <see cref="CacheHits"/> of its requests came from the Router's cache.</summary>
internal sealed record UsageReportRow(string Group, long Requests, long PromptTokens, long CompletionTokens, string Cost, long CacheHits);

/// <summary>Sums over every row.</summary>
internal sealed record UsageTotals(long Requests, long PromptTokens, long CompletionTokens, string Cost, long CacheHits);
