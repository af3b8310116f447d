using System.Globalization;

namespace BudgetHub.Domain.Common;

/// <summary>Money is kept as integer micro-USD inside; decimal only at the edges.</summary>
public static class Money
{
    public const long MicrosPerDollar = 1_000_000;

    public static long ToMicros(decimal usd) => (long)Math.Round(usd * MicrosPerDollar, MidpointRounding.AwayFromZero);

    public static decimal ToUsd(long micros) => (decimal)micros / MicrosPerDollar;

    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    /// <summary>
    /// Dollars as people read them: $1,234.56; under a cent, two significant digits and no trailing zero,
    /// down to the micro-dollar: $0.0012, $0.008, $0.000032 (a fixed four places showed $0.000032 as $0.0000).
    /// </summary>
    public static string Format(decimal usd) => usd switch
    {
        0 => "$0.00",
        < 0.01m and > -0.01m => usd.ToString("$0.00" + new string('#', Math.Min(6, 1 - (int)Math.Floor(Math.Log10((double)Math.Abs(usd)))) - 2), Us),
        _ => usd.ToString("C2", Us),
    };

    public static string Format(long micros) => Format(ToUsd(micros));

    /// <summary>
    /// An amount shown beside another (usage beside its limit) with the digits it takes to tell them
    /// apart: $0.046 of $0.05, not $0.05 of $0.05 at 92%. Cut, not rounded, so an amount under the
    /// limit never reads as the limit.
    /// </summary>
    public static string Format(long micros, long besideMicros)
    {
        var text = Format(micros);
        if (micros == besideMicros || text != Format(besideMicros))
        {
            return text;
        }

        var (usd, beside) = (ToUsd(micros), ToUsd(besideMicros));
        for (var decimals = 3; decimals < 6; decimals++)
        {
            var cut = Math.Round(usd, decimals, MidpointRounding.ToZero);
            if (cut != Math.Round(beside, decimals, MidpointRounding.ToZero))
            {
                return cut.ToString("$#,0.00" + new string('#', decimals - 2), Us);
            }
        }

        return usd.ToString("$#,0.00####", Us);
    }
}
