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

        var perSecond = (decimal)value / (decimal)elapsed.TotalSeconds;
        var projected = (long)Math.Min(long.MaxValue / 2, value + perSecond * (decimal)(window.End - now).TotalSeconds);
        DateTimeOffset? reaches = null;
        if (limit > 0 && value < limit)
        {
            var secondsToLimit = (double)((limit - value) / perSecond);
            if (secondsToLimit < (window.End - now).TotalSeconds)
            {
                reaches = now.AddSeconds(secondsToLimit);
            }
        }

        return new BurnRate(perSecond * 3600, projected, reaches);
    }

    /// <summary>True when the pace says the limit will be crossed before the window ends.</summary>
    public bool ExceedsBeforeEnd => ReachesLimitAt is not null;
}
