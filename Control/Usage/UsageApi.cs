using System.Globalization;
using System.Text;
using HybridInference.Contracts.Usage;
using HybridInference.Control.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HybridInference.Control.Usage;

internal static class UsageApi
{
    /// <summary>Largest batch accepted at once; the Router sends far smaller ones.</summary>
    public const int MaxBatch = 20_000;

    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/internal/usage", IngestAsync).RequireAuthorization(ControlRoles.InternalPolicy);
        app.MapGet("/usage", ReportAsync).RequireAuthorization(ControlRoles.AdminPolicy);
        return app;
    }

    private static async Task<Results<Ok<UsageIngestResult>, ValidationProblem>> IngestAsync(
        UsageBatch batch, UsageIngestor ingestor, CancellationToken cancellationToken)
    {
        if (Validate(batch) is { Any: true } errors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await ingestor.IngestAsync(batch.Records, cancellationToken));
    }

    /// <summary><c>GET /usage?start_date=&amp;end_date=[&amp;group_by=day|model|key|customer][&amp;customer_id=][&amp;key_id=][&amp;model=]</c>; CSV for <c>Accept: text/csv</c>.</summary>
    private static async Task<Results<Ok<UsageReport>, ContentHttpResult, ValidationProblem>> ReportAsync(
        HttpRequest request, UsageQuery query, CancellationToken cancellationToken,
        [AsParameters] UsageFilter filter)
    {
        var groupBy = filter.GroupBy ?? "day";
        UsagePeriod.TryParse(filter.StartDate, filter.EndDate, out var period, out var errors);
        if (!UsageQuery.Groupings.Contains(groupBy))
        {
            errors.Add("group_by", "must be day, model, key or customer");
        }
        errors.Length("customer_id", filter.CustomerId, 64).Length("key_id", filter.KeyId, 64).Length("model", filter.Model, 200);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var sums = await query.RunAsync(period, groupBy, filter.CustomerId, filter.KeyId, filter.Model, cancellationToken);
        var rows = sums.Select(s => s.ToRow()).ToList();
        var total = new UsageTotals(sums.Sum(r => r.Requests), sums.Sum(r => r.PromptTokens), sums.Sum(r => r.CompletionTokens),
            UsageQuery.Money(sums.Sum(r => r.Cost)), sums.Sum(r => r.CacheHits));
        if (!Csv.Wanted(request, null))
        {
            return TypedResults.Ok(new UsageReport(filter.StartDate!, filter.EndDate!, groupBy, rows, total));
        }
        var csv = new StringBuilder($"{groupBy},requests,prompt_tokens,completion_tokens,cost,cache_hits\n");
        foreach (var r in rows)
        {
            Csv.Row(csv, r.Group, Invariant(r.Requests), Invariant(r.PromptTokens), Invariant(r.CompletionTokens), r.Cost, Invariant(r.CacheHits));
        }
        Csv.Row(csv, "total", Invariant(total.Requests), Invariant(total.PromptTokens), Invariant(total.CompletionTokens), total.Cost,
            Invariant(total.CacheHits));
        return TypedResults.Text(csv.ToString(), "text/csv");
    }

    /// <summary>The query string of <c>GET /usage</c>.</summary>
    internal sealed record UsageFilter(
        [property: FromQuery(Name = "start_date")] string? StartDate,
        [property: FromQuery(Name = "end_date")] string? EndDate,
        [property: FromQuery(Name = "group_by")] string? GroupBy,
        [property: FromQuery(Name = "customer_id")] string? CustomerId,
        [property: FromQuery(Name = "key_id")] string? KeyId,
        [property: FromQuery(Name = "model")] string? Model);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static FieldErrors Validate(UsageBatch batch)
    {
        var errors = new FieldErrors();
        if (batch.Records is null)
        {
            return errors.Add("records", "is required");
        }
        if (batch.Records.Count > MaxBatch)
        {
            return errors.Add("records", $"at most {MaxBatch} records per batch");
        }
        // Field names get their "records[i]." prefix only for the record that fails: a valid batch allocates nothing here.
        var record = new FieldErrors();
        for (var i = 0; i < batch.Records.Count; i++)
        {
            if (batch.Records[i] is not { } r)
            {
                return errors.Add($"records[{i}]", "is required");
            }
            record.Required("request_id", r.RequestId, 128).Required("key_id", r.KeyId, 64).Required("customer_id", r.CustomerId, 64)
                .Required("requested_model", r.RequestedModel, 200).Required("served_model", r.ServedModel, 200)
                .Length("backend", r.Backend, 100).Length("category", r.Category, 100).Required("endpoint", r.Endpoint, 64)
                .Length("guard", r.Guard, 32)
                .AtLeast("prompt_tokens", r.PromptTokens, 0).AtLeast("completion_tokens", r.CompletionTokens, 0);
            if (record.Any)
            {
                return errors.AddAll($"records[{i}].", record);
            }
        }
        return errors;
    }
}
