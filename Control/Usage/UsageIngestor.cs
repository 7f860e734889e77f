using HybridInference.Contracts.Usage;
using Npgsql;
using NpgsqlTypes;

namespace HybridInference.Control.Usage;

/// <summary>
/// Stores usage batches: binary COPY into a temporary staging table, then one statement that inserts the new records
/// (priced with the model price in force at each record's timestamp), skips request ids already stored, and adds only
/// the inserted rows to the daily roll-up, all in one transaction.
/// </summary>
internal sealed partial class UsageIngestor(NpgsqlDataSource dataSource, TimeProvider time, ILogger<UsageIngestor> logger)
{
    private const int MaxAttempts = 3;

    private const string CreateStaging = """
        CREATE TEMP TABLE usage_staging (
            request_id text, ts timestamptz, key_id text, customer_id text, requested_model text, served_model text,
            backend text, category text, endpoint text, prompt_tokens int, completion_tokens int, latency_ms float8,
            time_to_first_token_ms float8, status int, fallback_count int, stream bool) ON COMMIT DROP
        """;

    private const string Copy = """
        COPY usage_staging (request_id, ts, key_id, customer_id, requested_model, served_model, backend, category, endpoint,
            prompt_tokens, completion_tokens, latency_ms, time_to_first_token_ms, status, fallback_count, stream) FROM STDIN (FORMAT BINARY)
        """;

    // Prices become [valid_from, next valid_from) ranges, hash-joined rather than probed per row. Rows go in request-id
    // order and roll-up rows in key order, so concurrent overlapping batches lock in the same order (no deadlocks);
    // a duplicate waits for the first writer and is then skipped by ON CONFLICT.
    private const string Merge = """
        WITH prices AS (
            SELECT model_id, prompt, completion, request, valid_from,
                lead(valid_from, 1, 'infinity'::timestamptz) OVER (PARTITION BY model_id ORDER BY valid_from) AS valid_to
            FROM model_prices
        ), inserted AS (
            INSERT INTO usage_records (request_id, ts, key_id, customer_id, requested_model, served_model, backend, category, endpoint,
                prompt_tokens, completion_tokens, latency_ms, time_to_first_token_ms, status, fallback_count, stream, cost, ingested_at)
            SELECT s.request_id, s.ts, s.key_id, s.customer_id, s.requested_model, s.served_model, s.backend, s.category, s.endpoint,
                s.prompt_tokens, s.completion_tokens, s.latency_ms, s.time_to_first_token_ms, s.status, s.fallback_count, s.stream,
                COALESCE(s.prompt_tokens * p.prompt + s.completion_tokens * p.completion + p.request, 0), @now
            FROM usage_staging s
            LEFT JOIN prices p ON p.model_id = s.served_model AND s.ts >= p.valid_from AND s.ts < p.valid_to
            ORDER BY s.request_id
            ON CONFLICT (request_id) DO NOTHING
            RETURNING ts, customer_id, key_id, served_model, prompt_tokens, completion_tokens, cost
        ), rolled AS (
            INSERT INTO usage_daily (day, customer_id, key_id, model, requests, prompt_tokens, completion_tokens, cost)
            SELECT (ts AT TIME ZONE 'UTC')::date, customer_id, key_id, served_model, count(*), sum(prompt_tokens), sum(completion_tokens), sum(cost)
            FROM inserted GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (day, customer_id, key_id, model) DO UPDATE SET
                requests = usage_daily.requests + excluded.requests,
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync(Copy, cancellationToken))
        {
            foreach (var r in records)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(r.RequestId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(r.Timestamp.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(r.KeyId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(r.CustomerId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(r.RequestedModel, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(r.ServedModel, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, r.Backend, cancellationToken);
                await WriteNullableAsync(writer, r.Category, cancellationToken);
                await writer.WriteAsync(r.Endpoint, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(r.PromptTokens, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(r.CompletionTokens, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(r.LatencyMs, NpgsqlDbType.Double, cancellationToken);
                if (r.TimeToFirstTokenMs is { } ttft)
                {
                    await writer.WriteAsync(ttft, NpgsqlDbType.Double, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                await writer.WriteAsync(r.Status, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(r.FallbackCount, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(r.Stream, NpgsqlDbType.Boolean, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        int accepted;
        await using (var merge = new NpgsqlCommand(Merge, connection, transaction))
        {
            merge.Parameters.AddWithValue("now", time.GetUtcNow());
            accepted = Convert.ToInt32(await merge.ExecuteScalarAsync(cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return accepted;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage batch attempt {Attempt} hit {SqlState}; retrying")]
    private static partial void Retrying(ILogger logger, int attempt, string sqlState);
}
