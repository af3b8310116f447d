using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Features.Usage;

public enum RangeChoice
{
    Today,
    Last7Days,
    Last30Days,
    ThisMonth,
    Custom,
}

/// <summary>A reporting range in the account's time zone, and the bucket size its chart uses.</summary>
public sealed record UsageRange(DateTimeOffset From, DateTimeOffset To, Granularity Interval)
{
    public static UsageRange Of(RangeChoice choice, DateTimeOffset now, TimeZoneInfo zone, DateTime? customStart = null, DateTime? customEnd = null)
    {
        var today = CalendarWindows.Containing(CalendarUnit.Day, now, zone);
        return choice switch
        {
            RangeChoice.Today => new(today.Start, today.End, Granularity.Hour),
            RangeChoice.Last7Days => new(DaysBefore(today, 6, zone), today.End, Granularity.Day),
            RangeChoice.Last30Days => new(DaysBefore(today, 29, zone), today.End, Granularity.Day),
            RangeChoice.ThisMonth => new(CalendarWindows.Containing(CalendarUnit.Month, now, zone).Start, today.End, Granularity.Day),
            RangeChoice.Custom when customStart is { } start && customEnd is { } end => Custom(start, end, zone),
            _ => new(today.Start, today.End, Granularity.Hour),
        };
    }

    /// <summary>The start of every bucket of the range, so the chart shows empty hours and days too.</summary>
    public IEnumerable<DateTimeOffset> Buckets(TimeZoneInfo zone) =>
        CalendarWindows.Between(CounterNames.UnitOf(Interval), From, To, zone).Select(w => w.Start);

    private static UsageRange Custom(DateTime start, DateTime end, TimeZoneInfo zone)
    {
        var from = CalendarWindows.Containing(CalendarUnit.Day, new DateTimeOffset(start.Date, zone.GetUtcOffset(start.Date)), zone).Start;
        var to = CalendarWindows.Containing(CalendarUnit.Day, new DateTimeOffset(end.Date, zone.GetUtcOffset(end.Date)), zone).End;
        return new(from, to, to - from <= TimeSpan.FromDays(2) ? Granularity.Hour : Granularity.Day);
    }

    private static DateTimeOffset DaysBefore(WindowBounds today, int days, TimeZoneInfo zone)
    {
        var start = today.Start;
        for (var i = 0; i < days; i++)
        {
            start = CalendarWindows.Containing(CalendarUnit.Day, start.AddHours(-1), zone).Start;
        }

        return start;
    }
}
