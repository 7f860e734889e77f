using HybridInference.Control.Audit;
using HybridInference.Control.Customers;
using HybridInference.Control.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Invoicing;

/// <summary>Runs invoicing for a calendar month: computes, checks for duplicates, writes and exports.</summary>
internal sealed partial class InvoicingService(
    ControlDb db, InvoiceCalculator calculator, IInvoiceSink sink, AuditLog audit, TimeProvider time, IOptions<ControlOptions> options, ILogger<InvoicingService> logger)
{
    // Held for the write transaction so concurrent runs (API and scheduler, several replicas) never interleave.
    private const long WriteLock = 0x4869_496e_766f;

    /// <summary>The month before <paramref name="date"/>'s month.</summary>
    public static DateOnly PreviousMonth(DateOnly date) => new DateOnly(date.Year, date.Month, 1).AddMonths(-1);

    public async Task<InvoicingResult> GenerateAsync(DateOnly periodStart, DryRun dryRun, string actor, CancellationToken cancellationToken)
    {
        var drafts = await calculator.CalculateAsync(periodStart, options.Value.Currency, cancellationToken);
        var customerIds = drafts.Select(d => d.CustomerId).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var unknown = drafts.Where(d => !customers.ContainsKey(d.CustomerId)).Select(d => d.CustomerId).ToList();
        drafts.RemoveAll(d => !customers.ContainsKey(d.CustomerId));

        if (dryRun == DryRun.All)
        {
            return Result(periodStart, dryRun, drafts, [], unknown, customers, new Dictionary<string, string>());
        }
        if (dryRun == DryRun.Validate)
        {
            var existing = await ExistingAsync(periodStart, cancellationToken);
            return Result(periodStart, dryRun, drafts, [.. drafts.Select(d => d.CustomerId).Where(existing.Contains)], unknown, customers, new Dictionary<string, string>());
        }

        List<string> duplicates;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLock})", cancellationToken);
            var existing = await ExistingAsync(periodStart, cancellationToken);
            duplicates = [.. drafts.Select(d => d.CustomerId).Where(existing.Contains)];
            drafts.RemoveAll(d => existing.Contains(d.CustomerId));
            db.Invoices.AddRange(drafts);
            foreach (var invoice in drafts)
            {
                audit.Record(db, actor, "create", "invoice", invoice.Number, new { invoice.CustomerId, invoice.PeriodStart, total = InvoiceView.Cents(invoice.Total) });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var exportErrors = await ExportPendingAsync(periodStart, customers, cancellationToken);
        return Result(periodStart, dryRun, drafts, duplicates, unknown, customers, exportErrors);
    }

    /// <summary>Exports every invoice of the period not exported yet, including ones a failed earlier run left behind.</summary>
    private async Task<Dictionary<string, string>> ExportPendingAsync(DateOnly periodStart, Dictionary<string, Customer> customers, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = await db.Invoices.Include(i => i.Lines).Where(i => i.PeriodStart == periodStart && i.ExportedAt == null).ToListAsync(cancellationToken);
        foreach (var invoice in pending)
        {
            var customer = customers.GetValueOrDefault(invoice.CustomerId)
                ?? await db.Customers.AsNoTracking().FirstAsync(c => c.Id == invoice.CustomerId, cancellationToken);
            try
            {
                invoice.ExternalRef = await sink.ExportAsync(invoice, customer, cancellationToken);
                invoice.ExportedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvoiceExportException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                ExportFailed(logger, invoice.Number, ex);
                errors[invoice.Number] = ex.Message;
            }
        }
        return errors;
    }

    private async Task<HashSet<string>> ExistingAsync(DateOnly periodStart, CancellationToken cancellationToken) =>
        (await db.Invoices.AsNoTracking().Where(i => i.PeriodStart == periodStart).Select(i => i.CustomerId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

    private static InvoicingResult Result(
        DateOnly periodStart, DryRun dryRun, List<Invoice> invoices, List<string> duplicates, List<string> unknown,
        Dictionary<string, Customer> customers, IReadOnlyDictionary<string, string> exportErrors) =>
        new(periodStart, periodStart.AddMonths(1), dryRun.ToString().ToLowerInvariant(), InvoiceView.Cents(invoices.Sum(i => i.Total)),
            [.. invoices.Select(i => InvoiceView.From(i, customers.GetValueOrDefault(i.CustomerId)?.Name))], duplicates, unknown, exportErrors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exporting invoice {Number} failed; the next run retries it")]
    private static partial void ExportFailed(ILogger logger, string number, Exception exception);
}
