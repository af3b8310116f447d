using System.Globalization;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Values written by hand-made SQL in the exact form EF Core's SQLite provider writes and reads.</summary>
internal static class SqliteText
{
    /// <summary>
    /// UTC as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (no trailing zeros, no dot for whole seconds), written by
    /// hand: a custom format string is parsed on every call, and every event writes two of these.
    /// </summary>
    public static string Time(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        var digits = 7;
        while (digits > 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        return string.Create(digits == 0 ? 19 : 20 + digits, (utc, fraction, digits), static (text, time) =>
        {
            var (utc, fraction, digits) = time;
            Digits(text[..4], utc.Year);
            text[4] = '-';
            Digits(text.Slice(5, 2), utc.Month);
            text[7] = '-';
            Digits(text.Slice(8, 2), utc.Day);
            text[10] = ' ';
            Digits(text.Slice(11, 2), utc.Hour);
            text[13] = ':';
            Digits(text.Slice(14, 2), utc.Minute);
            text[16] = ':';
            Digits(text.Slice(17, 2), utc.Second);
            if (digits > 0)
            {
                text[19] = '.';
                Digits(text[20..], fraction);
            }
        });
    }

    /// <summary>Fills <paramref name="text"/> with <paramref name="value"/>, zero-padded on the left.</summary>
    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc));
}
