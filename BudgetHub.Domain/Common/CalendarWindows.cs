namespace BudgetHub.Domain.Common;

/// <summary>
/// Calendar windows in a time zone, DST-correct: a window starts at the local start of its hour,
/// day, Monday or first of the month and ends where the next one starts (a DST day is 23 or 25
/// hours long). A local start that does not exist (a DST gap at midnight) moves to the first
/// instant after the gap.
/// </summary>
public static class CalendarWindows
{
    public static WindowBounds Containing(CalendarUnit unit, DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (unit == CalendarUnit.Hour)
        {
            // An hour is the wall-clock hour at the offset in force then; in a fall-back night the
            // repeated hour is two separate windows.
            var atOffset = instant.ToOffset(zone.GetUtcOffset(instant));
            var hourStart = new DateTimeOffset(atOffset.Year, atOffset.Month, atOffset.Day, atOffset.Hour, 0, 0, atOffset.Offset);
            return new WindowBounds(hourStart.ToUniversalTime(), hourStart.ToUniversalTime().AddHours(1));
        }

        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var localStart = TruncateLocal(unit, local);
        var start = ToUtc(localStart, zone);
        var end = ToUtc(NextLocal(unit, localStart), zone);
        return new WindowBounds(start, end);
    }

    /// <summary>The windows that overlap [from, to), in order.</summary>
    public static IEnumerable<WindowBounds> Between(CalendarUnit unit, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var window = Containing(unit, from, zone);
        while (window.Start < to)
        {
            yield return window;
            window = Containing(unit, window.End, zone);
        }
    }

    private static DateTime TruncateLocal(CalendarUnit unit, DateTime local) => unit switch
    {
        CalendarUnit.Day => local.Date,
        CalendarUnit.Week => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
        CalendarUnit.Month => new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    private static DateTime NextLocal(CalendarUnit unit, DateTime localStart) => unit switch
    {
        CalendarUnit.Day => localStart.AddDays(1),
        CalendarUnit.Week => localStart.AddDays(7),
        CalendarUnit.Month => localStart.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>Local wall-clock time to UTC; an ambiguous time (DST fall-back) takes the earlier instant.</summary>
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
