using HybridInference.Contracts.Usage;
using Npgsql;

namespace HybridInference.Control.Usage;

/// <summary>
/// A batch as one array parameter per column (<c>@request_id</c>, <c>@ts</c>, …), for <c>unnest</c>: a few
/// parameters written in one pass instead of a value per field, and no staging table.
/// </summary>
internal static class UsageColumns
{
    public static void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<UsageRecord> records)
    {
        var n = records.Count;
        var requestIds = new string[n];
        var timestamps = new DateTimeOffset[n];
        var keyIds = new string[n];
        var customerIds = new string[n];
        var requestedModels = new string[n];
        var servedModels = new string[n];
        var backends = new string?[n];
        var categories = new string?[n];
        var endpoints = new string[n];
        var promptTokens = new int[n];
        var completionTokens = new int[n];
        var latencies = new double[n];
        var timesToFirstToken = new double?[n];
        var statuses = new int[n];
        var fallbackCounts = new int[n];
        var streams = new bool[n];
        var guards = new string?[n];
        var cacheHits = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var r = records[i];
            requestIds[i] = r.RequestId;
            timestamps[i] = r.Timestamp.ToUniversalTime();
            keyIds[i] = r.KeyId;
            customerIds[i] = r.CustomerId;
            requestedModels[i] = r.RequestedModel;
            servedModels[i] = r.ServedModel;
            backends[i] = r.Backend;
            categories[i] = r.Category;
            endpoints[i] = r.Endpoint;
            promptTokens[i] = r.PromptTokens;
            completionTokens[i] = r.CompletionTokens;
            latencies[i] = r.LatencyMs;
            timesToFirstToken[i] = r.TimeToFirstTokenMs;
            statuses[i] = r.Status;
            fallbackCounts[i] = r.FallbackCount;
            streams[i] = r.Stream;
            guards[i] = r.Guard;
            cacheHits[i] = r.CacheHit;
        }
        parameters.Add(new NpgsqlParameter<string[]>("request_id", requestIds));
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("ts", timestamps));
        parameters.Add(new NpgsqlParameter<string[]>("key_id", keyIds));
        parameters.Add(new NpgsqlParameter<string[]>("customer_id", customerIds));
        parameters.Add(new NpgsqlParameter<string[]>("requested_model", requestedModels));
        parameters.Add(new NpgsqlParameter<string[]>("served_model", servedModels));
        parameters.Add(new NpgsqlParameter<string?[]>("backend", backends));
        parameters.Add(new NpgsqlParameter<string?[]>("category", categories));
        parameters.Add(new NpgsqlParameter<string[]>("endpoint", endpoints));
        parameters.Add(new NpgsqlParameter<int[]>("prompt_tokens", promptTokens));
        parameters.Add(new NpgsqlParameter<int[]>("completion_tokens", completionTokens));
        parameters.Add(new NpgsqlParameter<double[]>("latency_ms", latencies));
        parameters.Add(new NpgsqlParameter<double?[]>("time_to_first_token_ms", timesToFirstToken));
        parameters.Add(new NpgsqlParameter<int[]>("status", statuses));
        parameters.Add(new NpgsqlParameter<int[]>("fallback_count", fallbackCounts));
        parameters.Add(new NpgsqlParameter<bool[]>("stream", streams));
        parameters.Add(new NpgsqlParameter<string?[]>("guard", guards));
        parameters.Add(new NpgsqlParameter<bool[]>("cache_hit", cacheHits));
    }
}
