using HybridInference.Control.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridInference.Control.Invoicing;

/// <summary>
/// Invoices the previous month from the 2nd of each month, 00:00 UTC. It wakes at that time and every
/// <see cref="InvoicingOptions.CheckIntervalMinutes"/> besides, so a run missed while Control was down is caught up
/// on start. Among replicas, the one holding a PostgreSQL advisory lock runs; a month is marked done in
/// <c>invoicing_runs</c> and never run twice by the scheduler.
/// </summary>
internal sealed partial class InvoicingScheduler(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider time, IOptions<InvoicingOptions> options, ILogger<InvoicingScheduler> logger)
    : BackgroundService
{
    private const long SchedulerLock = 0x4869_5363_6865;

    /// <summary>The latest due time at or before <paramref name="now"/>: the 2nd of this month, or of last month.</summary>
    public static DateTimeOffset LastDue(DateTimeOffset now)
    {
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 2, 0, 0, 0, TimeSpan.Zero);
        return now >= thisMonth ? thisMonth : thisMonth.AddMonths(-1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.CheckIntervalMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                RunFailed(logger, ex);
            }
            var now = time.GetUtcNow();
            var nextDue = LastDue(now).AddMonths(1);
            var wait = nextDue - now < interval ? nextDue - now : interval;
            await Task.Delay(wait, time, stoppingToken);
        }
    }

    /// <summary>Runs the month that is due, unless done already or another replica is running it. True when this call ran it.</summary>
    public async Task<bool> RunDueAsync(CancellationToken cancellationToken)
    {
        var due = LastDue(time.GetUtcNow());
        var period = InvoicingService.PreviousMonth(DateOnly.FromDateTime(due.UtcDateTime));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlDb>();
        if (await db.InvoicingRuns.AnyAsync(r => r.PeriodStart == period, cancellationToken))
        {
            return false;
        }
        // A session lock on its own connection: held for the whole run, released if this replica dies.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({SchedulerLock})", connection))
        {
            if (await take.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }
        try
        {
            if (await db.InvoicingRuns.AnyAsync(r => r.PeriodStart == period, cancellationToken))
            {
                return false;
            }
            var result = await scope.ServiceProvider.GetRequiredService<InvoicingService>().GenerateAsync(period, DryRun.None, "scheduler", cancellationToken);
            db.InvoicingRuns.Add(new InvoicingRun { PeriodStart = period, CompletedAt = time.GetUtcNow(), Invoices = result.Invoices.Count });
            await db.SaveChangesAsync(cancellationToken);
            Ran(logger, period, result.Invoices.Count, result.Duplicates.Count);
            return true;
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchedulerLock})", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoiced {Period}: {Written} invoices written, {Existing} existed")]
    private static partial void Ran(ILogger logger, DateOnly period, int written, int existing);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled invoicing failed; retrying at the next check")]
    private static partial void RunFailed(ILogger logger, Exception exception);
}
