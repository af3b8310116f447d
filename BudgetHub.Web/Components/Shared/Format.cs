using System.Globalization;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Web.Components.Shared;

/// <summary>Numbers as a finance lead reads them: $1,234.56, 1.2M tokens, 84%.</summary>
public static class Format
{
    public static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Usd(long micros) => Usd(Money.ToUsd(micros));

    public static string Usd(decimal usd) => Money.Format(usd);

    /// <summary>Compact counts: 950, 12.3K, 4.5M, 1.2B.</summary>
    public static string Compact(long value) => Math.Abs(value) switch
    {
        < 10_000 => value.ToString("N0", Us),
        < 1_000_000 => (value / 1_000d).ToString("0.#", Us) + "K",
        < 1_000_000_000 => (value / 1_000_000d).ToString("0.##", Us) + "M",
        _ => (value / 1_000_000_000d).ToString("0.##", Us) + "B",
    };

    public static string AxisCount(double value) => Compact((long)value);

    /// <summary>A name cut to <paramref name="max"/> characters with an ellipsis, for places that take plain text only (chart legends).</summary>
    public static string Shorten(string name, int max = 24) => name.Length <= max ? name : string.Concat(name.AsSpan(0, max - 1), "…");

    /// <summary>How the app writes a day, in tables and in date fields alike: "Nov 24, 2026".</summary>
    public const string DatePattern = "MMM d, yyyy";

    public static string Date(DateTime day) => day.ToString(DatePattern, Us);

    public static string Count(long value) => value.ToString("N0", Us);

    /// <summary>"1 event", "1,234 events".</summary>
    public static string Count(long value, string noun) => $"{Count(value)} {noun}{(value == 1 ? "" : "s")}";

    /// <summary>"50%", "50% and 75%", "50%, 75% and 90%".</summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count < 2 ? string.Concat(all) : string.Join(", ", all[..^1]) + " and " + all[^1];
    }

    public static string Percent(decimal percent) => percent.ToString("0.#", Us) + "%";

    /// <summary>A metric's value with its unit: "$12.40" for cost, "1.2M tokens" otherwise.</summary>
    public static string Metric(Metric metric, long value) =>
        metric == Domain.Usage.Metric.Cost ? Usd(value) : Counted(Compact(value), value, metric);

    /// <summary>
    /// A metric's value shown beside its limit, with the precision it takes to tell them apart:
    /// "$0.046 of $0.05" and "399,950 tokens of 400K tokens", never the limit itself while under it.
    /// </summary>
    public static string Metric(Metric metric, long value, long limit) => metric switch
    {
        Domain.Usage.Metric.Cost => Money.Format(value, limit),
        _ when value != limit && Compact(value) == Compact(limit) => Counted(Count(value), value, metric),
        _ => Metric(metric, value),
    };

    /// <summary>"1 call", "12.3K calls".</summary>
    private static string Counted(string number, long value, Metric metric)
    {
        var noun = metric switch
        {
            Domain.Usage.Metric.Tokens => "token",
            Domain.Usage.Metric.Messages => "message",
            Domain.Usage.Metric.Conversations => "conversation",
            Domain.Usage.Metric.Calls => "call",
            Domain.Usage.Metric.Errors => "error",
            _ => null,
        };
        return noun is null ? number : $"{number} {noun}{(value == 1 ? "" : "s")}";
    }

    public static string Window(WindowSpec window) => window switch
    {
        WindowSpec.Fixed { Unit: CalendarUnit.Hour } => "per hour",
        WindowSpec.Fixed { Unit: CalendarUnit.Day } => "per day",
        WindowSpec.Fixed { Unit: CalendarUnit.Week } => "per week",
        WindowSpec.Fixed { Unit: CalendarUnit.Month } => "per month",
        WindowSpec.Rolling rolling => "rolling " + Duration(rolling.Duration),
        _ => window.Label,
    };

    public static string Duration(TimeSpan duration) => WindowSpec.Describe(duration);

    /// <summary>What is left of a pause, for a label: "12 min left", "16.5 h left", else the end's date.</summary>
    public static string Left(DateTimeOffset until, DateTimeOffset now, TimeZoneInfo zone) => (until - now).TotalSeconds switch
    {
        <= 0 => "ending",
        < 86400 => Until(until, now, zone)[3..] + " left",
        _ => Until(until, now, zone),
    };

    /// <summary>"in 42 min", "in 3 h", or a local date and time with its zone ("Tue 1 Dec, 00:00 UTC").</summary>
    public static string Until(DateTimeOffset until, DateTimeOffset now, TimeZoneInfo zone)
    {
        var left = until - now;
        return left.TotalSeconds switch
        {
            <= 0 => "now",
            < 3600 => $"in {Math.Ceiling(left.TotalMinutes):0} min",
            < 86400 => $"in {left.TotalHours:0.#} h",
            _ => At(until, zone),
        };
    }

    /// <summary>A local date and time with its zone: "Tue 1 Dec, 00:00 UTC".</summary>
    public static string At(DateTimeOffset at, TimeZoneInfo zone) => $"{TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM, HH:mm", Us)} {ZoneName(zone)}";

    /// <summary>The account's time zone as people read it next to a time: "UTC", or its IANA name.</summary>
    public static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc || zone.Id is "Etc/UTC" or "UTC" ? "UTC" : zone.Id;
}
