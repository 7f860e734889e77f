using System.Globalization;
using Npgsql;

namespace HybridInference.Control.Usage;

/// <summary>
/// Sums usage in SQL: from the daily roll-up when the period is whole UTC days (a month is ~30 rows per key and model),
/// from the records themselves otherwise. Costs were fixed at ingestion with the price in force at request time.
/// </summary>
internal sealed class UsageQuery(NpgsqlDataSource dataSource)
{
    public static readonly string[] Groupings = ["day", "model", "key", "customer"];

    public async Task<List<UsageSum>> RunAsync(
        UsagePeriod period, string groupBy, string? customerId, string? keyId, string? model, CancellationToken cancellationToken)
    {
        var daily = period.WholeDays;
        var group = (groupBy, daily) switch
        {
            ("day", true) => "day",
            ("day", false) => "(ts AT TIME ZONE 'UTC')::date",
            ("model", true) => "model",
            ("model", false) => "served_model",
            ("key", _) => "key_id",
            _ => "customer_id",
        };
        var sql = daily
            ? $"SELECT {group}, sum(requests), sum(prompt_tokens), sum(completion_tokens), sum(cost), sum(cache_hits) FROM usage_daily WHERE day >= @start_day AND day < @end_day"
            : $"SELECT {group}, count(*), sum(prompt_tokens), sum(completion_tokens), sum(cost), count(*) FILTER (WHERE cache_hit) FROM usage_records WHERE ts >= @start AND ts < @end";
        await using var command = dataSource.CreateCommand();
        if (customerId is not null)
        {
            sql += " AND customer_id = @customer";
            command.Parameters.AddWithValue("customer", customerId);
        }
        if (keyId is not null)
        {
            sql += " AND key_id = @key";
            command.Parameters.AddWithValue("key", keyId);
        }
        if (model is not null)
        {
            sql += daily ? " AND model = @model" : " AND served_model = @model";
            command.Parameters.AddWithValue("model", model);
        }
        command.CommandText = sql + " GROUP BY 1 ORDER BY 1";
        command.Parameters.AddWithValue("start_day", DateOnly.FromDateTime(period.Start.UtcDateTime));
        command.Parameters.AddWithValue("end_day", DateOnly.FromDateTime(period.End.UtcDateTime));
        command.Parameters.AddWithValue("start", period.Start);
        command.Parameters.AddWithValue("end", period.End);

        var rows = new List<UsageSum>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetValue(0) switch
            {
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
            };
            rows.Add(new UsageSum(key, Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)),
                Convert.ToInt64(reader.GetValue(3)), reader.GetDecimal(4), Convert.ToInt64(reader.GetValue(5))));
        }
        return rows;
    }

    /// <summary>One group's sums, cost exact; <see cref="CacheHits"/> of the requests were answered from the Router's cache.</summary>
    internal sealed record UsageSum(string Group, long Requests, long PromptTokens, long CompletionTokens, decimal Cost, long CacheHits)
    {
        public UsageReportRow ToRow() => new(Group, Requests, PromptTokens, CompletionTokens, Money(Cost), CacheHits);
    }

    /// <summary>Exact cost (up to 10 decimals), without trailing zeros; rounding to cents happens on invoices only.</summary>
    public static string Money(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
