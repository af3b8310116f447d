namespace BudgetHub.Domain.Common;

/// <summary>Money is kept as integer micro-USD inside; decimal only at the edges.</summary>
public static class Money
{
    public const long MicrosPerDollar = 1_000_000;

    public static long ToMicros(decimal usd) => (long)Math.Round(usd * MicrosPerDollar, MidpointRounding.AwayFromZero);

    public static decimal ToUsd(long micros) => (decimal)micros / MicrosPerDollar;
}
