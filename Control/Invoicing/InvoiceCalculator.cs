using Npgsql;

namespace HybridInference.Control.Invoicing;

/// <summary>
/// Builds a month's invoices from the daily roll-up, summed in SQL per customer and model. Rounding rule: each
/// line's exact cost is rounded to cents with midpoint away from zero; the total is the sum of the rounded lines,
/// so the lines always add up to the total on paper. A model the customer only had refused (no tokens, no cost) gets
/// no line.
/// </summary>
internal sealed class InvoiceCalculator(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Sums = """
        SELECT customer_id, model, sum(requests)::bigint, sum(prompt_tokens)::bigint, sum(completion_tokens)::bigint, sum(cost)
        FROM usage_daily WHERE day >= @start AND day < @end
        GROUP BY customer_id, model HAVING sum(prompt_tokens) + sum(completion_tokens) > 0 ORDER BY customer_id, model
        """;

    public static decimal RoundToCents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Number(string customerId, DateOnly periodStart) => $"HI-{periodStart:yyyyMM}-{customerId}";

    public async Task<List<Invoice>> CalculateAsync(DateOnly periodStart, string currency, CancellationToken cancellationToken)
    {
        var periodEnd = periodStart.AddMonths(1);
        await using var command = dataSource.CreateCommand(Sums);
        command.Parameters.AddWithValue("start", periodStart);
        command.Parameters.AddWithValue("end", periodEnd);
        var invoices = new Dictionary<string, Invoice>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var customerId = reader.GetString(0);
            if (!invoices.TryGetValue(customerId, out var invoice))
            {
                invoices[customerId] = invoice = new Invoice
                {
                    Number = Number(customerId, periodStart), CustomerId = customerId, PeriodStart = periodStart, PeriodEnd = periodEnd,
                    Currency = currency, CreatedAt = now,
                };
            }
            var cost = reader.GetDecimal(5);
            invoice.Lines.Add(new InvoiceLine
            {
                Model = reader.GetString(1), Requests = reader.GetInt64(2), PromptTokens = reader.GetInt64(3),
                CompletionTokens = reader.GetInt64(4), Cost = cost, Amount = RoundToCents(cost),
            });
        }
        foreach (var invoice in invoices.Values)
        {
            invoice.Total = invoice.Lines.Sum(l => l.Amount);
        }
        return [.. invoices.Values];
    }
}
