using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Recurring tidy-up of the meter (the checks never depend on it: a block lifts at its own time):
/// records expired blocks as lifted, forgets from memory the counter buckets of ended windows and what
/// the writer holds for idle end users, and deletes per-minute rows older than any rolling window can reach.
/// </summary>
internal sealed class MeterTidyUp(AccountDb db, CounterStore counters, IUsageMeter meter, MeterWriter writer, TimeProvider clock)
{
    public static readonly TimeSpan MinuteRowsKeptFor = TimeSpan.FromDays(32);

    /// <summary>
    /// A minute's cell only gathers its increments for the database (rolling windows keep their own sums,
    /// and are rebuilt from the stored minutes), so memory drops it soon after the minute ends.
    /// </summary>
    public static readonly TimeSpan MinuteCellsKeptFor = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var context = db.System())
        {
            var expired = await context.Blocks.IgnoreQueryFilters()
                .Where(b => b.LiftedAt == null && b.Until != null && b.Until <= now.UtcDateTime)
                .Select(b => b.AccountId).Distinct().ToListAsync(ct);
            await context.Blocks.IgnoreQueryFilters()
                .Where(b => b.LiftedAt == null && b.Until != null && b.Until <= now.UtcDateTime)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LiftedAt, b => b.Until).SetProperty(b => b.LiftedBy, "expired"), ct);
            foreach (var accountId in expired)
            {
                await meter.RefreshAsync(accountId, ct);
            }

            var minuteHorizon = (now - MinuteRowsKeptFor).ToUnixTimeSeconds();
            await context.UsageCounters.IgnoreQueryFilters()
                .Where(c => c.Granularity == "minute" && c.BucketStart < minuteHorizon)
                .ExecuteDeleteAsync(ct);
        }

        // Hours older than two days, days and weeks older than 40, months older than 100: no current window reads them.
        var horizon = now.ToUnixTimeSeconds();
        counters.Evict(key => key.Granularity switch
        {
            Granularity.Minute => key.BucketStart < horizon - (long)MinuteCellsKeptFor.TotalSeconds,
            Granularity.Hour => key.BucketStart < horizon - (2 * 86400),
            Granularity.Day or Granularity.Week => key.BucketStart < horizon - (40 * 86400),
            _ => key.BucketStart < horizon - (100 * 86400),
        });

        var tidy = new TidyWork();
        if (writer.TryEnqueue(tidy))
        {
            await tidy.Done.Task.WaitAsync(ct);
        }
    }
}
