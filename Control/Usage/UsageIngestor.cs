using HybridInference.Contracts.Usage;
using Npgsql;

namespace HybridInference.Control.Usage;

/// <summary>
/// Stores usage batches in one statement, so in one round trip and one implicit transaction: the batch arrives as one
/// array per column, the new records are inserted (priced with the model price in force at each record's timestamp),
/// request ids already stored are skipped, and only the inserted rows are added to the daily roll-up.
/// </summary>
internal sealed partial class UsageIngestor(NpgsqlDataSource dataSource, TimeProvider time, ILogger<UsageIngestor> logger)
{
    private const int MaxAttempts = 3;

    // Prices become [valid_from, next valid_from) ranges, hash-joined rather than probed per row. Rows go in request-id
    // order and roll-up rows in key order (byte order, as the indexes), so concurrent overlapping batches lock in the
    // same order (no deadlocks); a duplicate waits for the first writer and is then skipped by ON CONFLICT. A request
    // that used no tokens (refused by the Router, failed upstream) costs nothing, per-request price included. A cache
    // hit costs the config's cache-hit price (the one in force at ingestion), whatever its tokens.
    private const string Merge = """
        WITH batch AS (
            SELECT * FROM unnest(@request_id, @ts, @key_id, @customer_id, @requested_model, @served_model, @backend, @category, @endpoint,
                @prompt_tokens, @completion_tokens, @latency_ms, @time_to_first_token_ms, @status, @fallback_count, @stream, @guard, @cache_hit)
                AS b(request_id, ts, key_id, customer_id, requested_model, served_model, backend, category, endpoint,
                    prompt_tokens, completion_tokens, latency_ms, time_to_first_token_ms, status, fallback_count, stream, guard, cache_hit)
        ), prices AS (
            SELECT model_id, prompt, completion, request, valid_from,
                lead(valid_from, 1, 'infinity'::timestamptz) OVER (PARTITION BY model_id ORDER BY valid_from) AS valid_to
            FROM model_prices
        ), inserted AS (
            INSERT INTO usage_records (request_id, ts, key_id, customer_id, requested_model, served_model, backend, category, endpoint,
                prompt_tokens, completion_tokens, latency_ms, time_to_first_token_ms, status, fallback_count, stream, guard, cache_hit,
                cost, ingested_at)
            SELECT b.request_id, b.ts, b.key_id, b.customer_id, b.requested_model, b.served_model, b.backend, b.category, b.endpoint,
                b.prompt_tokens, b.completion_tokens, b.latency_ms, b.time_to_first_token_ms, b.status, b.fallback_count, b.stream,
                b.guard, b.cache_hit,
                CASE WHEN b.cache_hit THEN COALESCE((SELECT cache_hit_price FROM routing_settings), 0)
                    WHEN b.prompt_tokens + b.completion_tokens = 0 THEN 0
                    ELSE COALESCE(b.prompt_tokens * p.prompt + b.completion_tokens * p.completion + p.request, 0) END, @now
            FROM batch b
            LEFT JOIN prices p ON p.model_id = b.served_model AND b.ts >= p.valid_from AND b.ts < p.valid_to
            ORDER BY b.request_id COLLATE "C"
            ON CONFLICT (request_id) DO NOTHING
            RETURNING ts, customer_id, key_id, served_model, prompt_tokens, completion_tokens, cache_hit, cost
        ), rolled AS (
            INSERT INTO usage_daily (day, customer_id, key_id, model, requests, cache_hits, prompt_tokens, completion_tokens, cost)
            SELECT (ts AT TIME ZONE 'UTC')::date, customer_id COLLATE "C", key_id COLLATE "C", served_model COLLATE "C",
                count(*), count(*) FILTER (WHERE cache_hit), sum(prompt_tokens), sum(completion_tokens), sum(cost)
            FROM inserted GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (day, customer_id, key_id, model) DO UPDATE SET
                requests = usage_daily.requests + excluded.requests,
                cache_hits = usage_daily.cache_hits + excluded.cache_hits,
                prompt_tokens = usage_daily.prompt_tokens + excluded.prompt_tokens,
                completion_tokens = usage_daily.completion_tokens + excluded.completion_tokens,
                cost = usage_daily.cost + excluded.cost
            RETURNING 1
        )
        SELECT count(*) FROM inserted
        """;

    public async Task<UsageIngestResult> IngestAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return new UsageIngestResult(0, 0);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var accepted = await IngestOnceAsync(records, cancellationToken);
                return new UsageIngestResult(accepted, records.Count - accepted);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
            {
                Retrying(logger, attempt, ex.SqlState);
            }
        }
    }

    private async Task<int> IngestOnceAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Merge, connection);
        UsageColumns.AddParameters(command.Parameters, records);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        // Prepared once per pooled connection (a no-op after that): the statement is parsed and planned once, not per batch.
        await command.PrepareAsync(cancellationToken);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage batch attempt {Attempt} hit {SqlState}; retrying")]
    private static partial void Retrying(ILogger logger, int attempt, string sqlState);
}
