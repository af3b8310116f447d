using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BudgetHub.Domain.Common;

/// <summary>ISO 8601 durations of fixed length: weeks, days, hours, minutes, seconds (<c>P7D</c>, <c>PT1H30M</c>).</summary>
public static partial class IsoDuration
{
    /// <summary>The longest duration read: about ten years.</summary>
    public const int MaxDays = 3660;

    [GeneratedRegex(@"^P(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?(?:T(?:(?<h>\d{1,6})H)?(?:(?<m>\d{1,7})M)?(?:(?<s>\d{1,9})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CalendarPattern();

    /// <summary>
    /// True for a duration in months or years (<c>P1M</c>, <c>P1Y</c>): valid ISO 8601, but not of fixed
    /// length, so refused with a message of its own rather than as a malformed duration.
    /// </summary>
    public static bool HasMonthsOrYears(string? text) =>
        text is not null && CalendarPattern().IsMatch(text) && text.Split('T')[0].AsSpan().IndexOfAny('Y', 'M') > 0;

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text == "P" || text.EndsWith('T'))
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = (((Part("w") * 7 + Part("d")) * 24 + Part("h")) * 60 + Part("m")) * 60 + Part("s");
        if (seconds > TimeSpan.FromDays(MaxDays).TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "PT0S";
        }

        var text = new StringBuilder("P");
        if (duration.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Days}D");
        }

        if (duration.Hours > 0 || duration.Minutes > 0 || duration.Seconds > 0)
        {
            text.Append('T');
            if (duration.Hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{duration.Hours}H");
            }

            if (duration.Minutes > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}M");
            }

            if (duration.Seconds > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{duration.Seconds}S");
            }
        }

        return text.ToString();
    }
}
