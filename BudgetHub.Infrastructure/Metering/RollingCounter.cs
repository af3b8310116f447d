using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The sum of the minute buckets that <paramref name="window"/> counts now, kept as a running total so a
/// seven-day window costs the same to read as a one-minute one.
/// </summary>
internal sealed class RollingCounter(WindowSpec.Rolling window)
{
    private readonly SortedDictionary<long, UsageAmounts> _minutes = [];
    private readonly Lock _lock = new();
    private UsageAmounts _total;

    /// <summary>The first minute held: most reads find nothing to evict without walking the tree.</summary>
    private long _oldest = long.MaxValue;

    private long FirstMinuteAt(DateTimeOffset now) => window.FirstMinuteAt(now).ToUnixTimeSeconds();

    public void Add(long minuteStart, UsageAmounts amounts, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (minuteStart < FirstMinuteAt(now))
            {
                return;
            }

            _minutes[minuteStart] = _minutes.TryGetValue(minuteStart, out var existing) ? existing + amounts : amounts;
            _total += amounts;
            _oldest = Math.Min(_oldest, minuteStart);
        }
    }

    public UsageAmounts ValueAt(DateTimeOffset now)
    {
        lock (_lock)
        {
            Evict(FirstMinuteAt(now));
            return _total;
        }
    }

    /// <summary>
    /// When the window's sum of <paramref name="metric"/> drops below <paramref name="limit"/> if nothing
    /// more is counted: when the oldest minute whose leaving takes it below has left the window.
    /// </summary>
    public DateTimeOffset? DropsBelowAt(Metric metric, long limit, DateTimeOffset now)
    {
        lock (_lock)
        {
            Evict(FirstMinuteAt(now));
            var remaining = _total.Get(metric);
            if (remaining < limit)
            {
                return null;
            }

            foreach (var (minute, amounts) in _minutes)
            {
                remaining -= amounts.Get(metric);
                if (remaining < limit)
                {
                    return window.LeavesAt(DateTimeOffset.FromUnixTimeSeconds(minute));
                }
            }

            // Unreached while the limit is above zero: once every minute has left, nothing is counted.
            return window.LeavesAt(MinuteBuckets.StartOf(now));
        }
    }

    private void Evict(long firstMinute)
    {
        while (_oldest < firstMinute)
        {
            _total -= _minutes[_oldest];
            _minutes.Remove(_oldest);
            _oldest = _minutes.Count > 0 ? _minutes.Keys.First() : long.MaxValue;
        }
    }
}
