using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>Totals of one group (a bot, a model, ...) over a range.</summary>
public sealed record UsageGroup(string Key, UsageAmounts Amounts, long UnpricedCalls)
{
    /// <summary>The key of the group of events that name no value (no model, no team, ...).</summary>
    public const string NoneKey = "";

    public bool IsNone => Key.Length == 0;
}

/// <summary>Totals of one hour or day of the range.</summary>
public sealed record UsagePoint(DateTimeOffset Start, UsageAmounts Amounts);

/// <summary>The six numbers of a bot's (or the account's) day and month, in the account's time zone.</summary>
public sealed record UsageSnapshot(UsageAmounts Today, UsageAmounts ThisMonth);

public sealed record UsageSummary(DateTimeOffset From, DateTimeOffset To, Granularity Interval, UsageAmounts Totals, long UnpricedCalls,
    IReadOnlyList<UsageGroup> Groups, IReadOnlyList<UsagePoint> Series);

/// <summary>
/// Reports over ranges, from the persisted hour and day buckets (never raw events): a range of
/// up to seven days reads hours, longer ranges read days, and a range is widened to the whole
/// buckets it touches. Each report first has the meter store the counters it holds ahead of the database.
/// </summary>
public sealed class UsageQueries(AccountDb db, IUsageMeter meter)
{
    public static readonly TimeSpan HourlyUpTo = TimeSpan.FromDays(7);

    /// <param name="onlyKey">When set, only that group (one bot, one model, ...): its totals and its own time series.</param>
    public async Task<UsageSummary> SummarizeAsync(
        long accountId, DateTimeOffset from, DateTimeOffset to, Dimension groupBy, Granularity? interval, string? onlyKey = null, CancellationToken ct = default)
    {
        var granularity = interval ?? (to - from <= HourlyUpTo ? Granularity.Hour : Granularity.Day);
        onlyKey = onlyKey is null ? null : CounterNames.KeyOf(groupBy, onlyKey);
        var dimension = CounterNames.Of(groupBy);
        var grain = CounterNames.Of(granularity);
        var zone = granularity == Granularity.Day ? await ZoneOfAsync(accountId, ct) : TimeZoneInfo.Utc;
        (from, to) = WholeBuckets(from, to, granularity == Granularity.Day ? CalendarUnit.Day : CalendarUnit.Hour, zone);
        var (fromSeconds, toSeconds) = granularity == Granularity.Day
            ? (from.ToUnixTimeSeconds() - Day, to.ToUnixTimeSeconds() + Day)
            : (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        DateTimeOffset StartOf(UsageCounterRow row) => granularity == Granularity.Day ? DayOf(row.BucketStart, zone) : DateTimeOffset.FromUnixTimeSeconds(row.BucketStart);
        await meter.StoreCountersAsync(ct);
        await using var context = db.For(accountId);
        var stored = context.UsageCounters.AsNoTracking()
            .Where(c => c.Filter == "" && c.Granularity == grain && c.BucketStart >= fromSeconds && c.BucketStart < toSeconds);
        async Task<List<UsageCounterRow>> InRangeAsync(IQueryable<UsageCounterRow> rows) =>
            [.. (await rows.ToListAsync(ct)).Where(r => StartOf(r) >= from && StartOf(r) < to)];
        // A tier's rows are read under the key it is counted under now: rows kept under a capital that the upgrade to
        // one case left (SQLite's lower() folds ASCII only, see TierLabels) are the same tier.
        var rows = (await InRangeAsync(stored.Where(c => c.Dimension == dimension && (onlyKey == null || groupBy == Dimension.Tier || c.DimensionKey == onlyKey))))
            .Where(r => onlyKey == null || CounterNames.KeyOf(groupBy, r.DimensionKey) == onlyKey).ToList();
        var groups = rows.GroupBy(r => CounterNames.KeyOf(groupBy, r.DimensionKey)).Select(g => new UsageGroup(g.Key, Sum(g), g.Sum(r => r.UnpricedCalls))).ToList();

        // The whole account's counters hold every event, so totals are the same however the range is
        // grouped; what the groups do not hold is the events that name no model (team, ...).
        var wholeAccount = onlyKey is null && dimension != AccountDimension;
        var whole = wholeAccount ? await InRangeAsync(stored.Where(c => c.Dimension == AccountDimension)) : rows;
        var totals = Sum(whole);
        var unpriced = whole.Sum(r => r.UnpricedCalls);
        if (wholeAccount && totals - Sum(groups) is { IsZero: false } rest)
        {
            groups.Add(new UsageGroup(UsageGroup.NoneKey, rest, unpriced - groups.Sum(g => g.UnpricedCalls)));
        }

        var series = whole.GroupBy(StartOf).OrderBy(g => g.Key)
            .Select(g => new UsagePoint(g.Key, Sum(g)))
            .ToList();
        return new UsageSummary(from, to, granularity, totals, unpriced,
            groups.OrderByDescending(g => g.Amounts.CostMicros).ThenByDescending(g => g.Amounts.Tokens).ToList(), series);
    }

    private static readonly string AccountDimension = CounterNames.Of(Dimension.Account);

    /// <summary>
    /// The range widened to the whole hours or days it touches: counters hold whole buckets, and a bucket
    /// cut by the range would be counted in full or not at all. The summary says which range it covers.
    /// </summary>
    private static (DateTimeOffset From, DateTimeOffset To) WholeBuckets(DateTimeOffset from, DateTimeOffset to, CalendarUnit unit, TimeZoneInfo zone) =>
        (CalendarWindows.Containing(unit, from, zone).Start, CalendarWindows.Containing(unit, to.AddTicks(-1), zone).End);

    private const long Day = 86_400;

    /// <summary>
    /// The day of the account's zone that a stored day counts in. A stored day starts at midnight in
    /// the zone the account had when it was counted, so after a change of zone it is placed by its
    /// middle, as the meter places it (see <see cref="MeterStateLoader"/>): in the day it overlaps most.
    /// </summary>
    private static DateTimeOffset DayOf(long storedDayStart, TimeZoneInfo zone) =>
        CalendarWindows.Containing(CalendarUnit.Day, DateTimeOffset.FromUnixTimeSeconds(storedDayStart + (Day / 2)), zone).Start;

    /// <summary>The account's time zone, to place calendar ranges.</summary>
    public async Task<TimeZoneInfo> ZoneOfAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var id = await context.Accounts.Where(a => a.Id == accountId).Select(a => a.TimeZone).FirstOrDefaultAsync(ct);
        return MeterStateLoader.ZoneOf(id);
    }

    public UsageSnapshot Snapshot(long accountId, Dimension dimension, string key) => new(
        meter.Current(accountId, dimension, key, Granularity.Day),
        meter.Current(accountId, dimension, key, Granularity.Month));

    /// <summary>Events of this month whose model had no price (they cost 0).</summary>
    public async Task<long> UnpricedThisMonthAsync(long accountId, DateTimeOffset now, CancellationToken ct = default)
    {
        var zone = await ZoneOfAsync(accountId, ct);
        var start = CalendarWindows.Containing(CalendarUnit.Month, now, zone).Start.ToUnixTimeSeconds() - (Day / 2);
        await meter.StoreCountersAsync(ct);
        await using var context = db.For(accountId);
        return await context.UsageCounters.AsNoTracking()
            .Where(c => c.Dimension == "account" && c.Filter == "" && c.Granularity == "day" && c.BucketStart >= start)
            .SumAsync(c => c.UnpricedCalls, ct);
    }

    private static UsageAmounts Sum(IEnumerable<UsageGroup> groups) => groups.Aggregate(UsageAmounts.Zero, (total, g) => total + g.Amounts);

    private static UsageAmounts Sum(IEnumerable<UsageCounterRow> rows) => rows.Aggregate(UsageAmounts.Zero, (total, r) =>
        total + new UsageAmounts(r.Tokens, r.Messages, r.Conversations, r.CostMicros, r.Calls, r.Errors));
}
