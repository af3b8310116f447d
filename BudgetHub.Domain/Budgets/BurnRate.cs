using BudgetHub.Domain.Common;

namespace BudgetHub.Domain.Budgets;

/// <summary>
/// Where a calendar window is heading at its current pace: the rate so far, the projected value
/// at the window's end, and when the limit would be reached.
/// </summary>
public sealed record BurnRate(decimal PerHour, long ProjectedAtEnd, DateTimeOffset? ReachesLimitAt)
{
    /// <summary>Too little of the window has passed to say anything useful.</summary>
    public static readonly TimeSpan MinimumElapsed = TimeSpan.FromMinutes(30);

    public static BurnRate? Of(long value, long limit, WindowBounds window, DateTimeOffset now)
    {
        var elapsed = now - window.Start;
        if (elapsed < MinimumElapsed || now >= window.End || value <= 0)
        {
            return null;
        }

        // Ratios of whole quantities, divided last, keep the arithmetic exact where it can be.
        var elapsedSeconds = (decimal)elapsed.TotalSeconds;
        var perHour = Math.Round(value * 3600m / elapsedSeconds, 4);
        var projected = (long)Math.Round(Math.Min(long.MaxValue / 2m, value * (decimal)window.Length.TotalSeconds / elapsedSeconds));
        DateTimeOffset? reaches = null;
        if (limit > 0 && value < limit)
        {
            var at = window.Start.AddSeconds((double)(elapsedSeconds * limit / value));
            if (at < window.End)
            {
                reaches = at;
            }
        }

        return new BurnRate(perHour, projected, reaches);
    }

    /// <summary>True when the pace says the limit will be crossed before the window ends.</summary>
    public bool ExceedsBeforeEnd => ReachesLimitAt is not null;
}
