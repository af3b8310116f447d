namespace BudgetHub.Web.Hosting;

/// <summary>Why <see cref="Rfc3339Time.Parse"/> refused a text.</summary>
internal enum TimeProblem
{
    None,
    NotATime,
    NoSeconds,
    NoOffset,
    TooManyFractionDigits,
    OutOfRange,
}

/// <summary>
/// Reads an RFC 3339 time (<c>2026-11-23T10:15:00.123456789Z</c>) from UTF-8 without allocating: the event
/// parser reads one per event. Up to nine fractional digits, as Go's <c>time.RFC3339Nano</c> writes them,
/// truncated to .NET's 100 ns ticks; <c>t</c> and <c>z</c> may be lowercase (RFC 3339, 5.6). A time without
/// an offset is refused: it could be in any zone.
/// </summary>
internal static class Rfc3339Time
{
    public const int MaxFractionDigits = 9;

    private const int TickDigits = 7;

    public static TimeProblem Parse(ReadOnlySpan<byte> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < 16
            || !TryDigits(text[..4], out var year) || text[4] != '-' || !TryDigits(text.Slice(5, 2), out var month) || text[7] != '-'
            || !TryDigits(text.Slice(8, 2), out var day) || (text[10] | 0x20) != 't'
            || !TryDigits(text.Slice(11, 2), out var hour) || text[13] != ':' || !TryDigits(text.Slice(14, 2), out var minute))
        {
            return TimeProblem.NotATime;
        }

        var rest = text[16..];
        if (rest.IsEmpty || rest[0] != ':')
        {
            return rest.IsEmpty || IsOffset(rest) ? TimeProblem.NoSeconds : TimeProblem.NotATime;
        }

        if (rest.Length < 3 || !TryDigits(rest.Slice(1, 2), out var second))
        {
            return TimeProblem.NotATime;
        }

        rest = rest[3..];
        long fraction = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var count = 0;
            while (count + 1 < rest.Length && char.IsAsciiDigit((char)rest[count + 1]))
            {
                fraction = count < TickDigits ? fraction * 10 + (rest[count + 1] - '0') : fraction;
                count++;
            }

            if (count == 0)
            {
                return TimeProblem.NotATime;
            }

            if (count > MaxFractionDigits)
            {
                return TimeProblem.TooManyFractionDigits;
            }

            for (var scale = count; scale < TickDigits; scale++)
            {
                fraction *= 10;
            }

            rest = rest[(count + 1)..];
        }

        if (rest.IsEmpty)
        {
            return TimeProblem.NoOffset;
        }

        if (!IsOffset(rest))
        {
            return TimeProblem.NotATime;
        }

        var offset = TimeSpan.Zero;
        var offsetMinutes = 0;
        if (rest.Length == 6)
        {
            TryDigits(rest.Slice(1, 2), out var offsetHours);
            TryDigits(rest.Slice(4, 2), out offsetMinutes);
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            offset = rest[0] == '-' ? -offset : offset;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
            || offsetMinutes > 59 || offset.Duration() > TimeSpan.FromHours(14))
        {
            return TimeProblem.OutOfRange;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        var utcTicks = ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return TimeProblem.OutOfRange;
        }

        time = new DateTimeOffset(ticks, offset);
        return TimeProblem.None;
    }

    public static string Describe(TimeProblem problem) => problem switch
    {
        TimeProblem.NoSeconds => "Must include seconds (10:15:00, not 10:15), e.g. 2026-11-23T10:15:00Z.",
        TimeProblem.NoOffset => "Must end with Z or an offset such as +02:00, e.g. 2026-11-23T10:15:00Z: without one, the time could be in any zone.",
        TimeProblem.TooManyFractionDigits => $"At most {MaxFractionDigits} digits after the seconds' point, e.g. 2026-11-23T10:15:00.123456789Z.",
        TimeProblem.OutOfRange => "Not a real time: check the month, day, hours, minutes, seconds and offset, e.g. 2026-11-23T10:15:00Z.",
        _ => "Must be an ISO 8601 time with an offset, e.g. 2026-11-23T10:15:00Z.",
    };

    /// <summary><c>Z</c>, <c>z</c>, or <c>+hh:mm</c> / <c>-hh:mm</c>, with nothing after it.</summary>
    private static bool IsOffset(ReadOnlySpan<byte> text) => text.Length switch
    {
        1 => (text[0] | 0x20) == 'z',
        6 => text[0] is (byte)'+' or (byte)'-' && TryDigits(text.Slice(1, 2), out _) && text[3] == ':' && TryDigits(text.Slice(4, 2), out _),
        _ => false,
    };

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var digit in text)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            value = value * 10 + (digit - '0');
        }

        return true;
    }
}
