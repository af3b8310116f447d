using System.Runtime.InteropServices;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The sum of the minute buckets that <paramref name="window"/> counts now, kept as a running total so a
/// seven-day window costs the same to read as a one-minute one.
/// </summary>
/// <remarks>
/// The minutes are a list in time order whose front is skipped as minutes leave the window, not a tree:
/// reads evict on every event and check, and a tree's removals and walks allocate.
/// </remarks>
internal sealed class RollingCounter(WindowSpec.Rolling window)
{
    private readonly List<(long Minute, UsageAmounts Amounts)> _minutes = [];
    private readonly Lock _lock = new();
    private UsageAmounts _total;

    /// <summary>Where the minutes still held start in <see cref="_minutes"/>: those before it have left the window.</summary>
    private int _first;

    private long FirstMinuteAt(DateTimeOffset now) => window.FirstMinuteAt(now).ToUnixTimeSeconds();

    public void Add(long minuteStart, UsageAmounts amounts, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (minuteStart < FirstMinuteAt(now))
            {
                return;
            }

            // Events mostly come in time order: the minute is the last one held, or a new one after it.
            var index = _minutes.Count;
            while (index > _first && _minutes[index - 1].Minute > minuteStart)
            {
                index--;
            }

            var minutes = CollectionsMarshal.AsSpan(_minutes);
            if (index > _first && minutes[index - 1].Minute == minuteStart)
            {
                minutes[index - 1].Amounts += amounts;
            }
            else
            {
                _minutes.Insert(index, (minuteStart, amounts));
            }

            _total += amounts;
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

            foreach (var (minute, amounts) in CollectionsMarshal.AsSpan(_minutes)[_first..])
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
        while (_first < _minutes.Count && _minutes[_first].Minute < firstMinute)
        {
            _total -= _minutes[_first].Amounts;
            _first++;
        }

        // The skipped front is dropped once it is half the list: each minute is moved once on average.
        if (_first > 0 && _first * 2 >= _minutes.Count)
        {
            _minutes.RemoveRange(0, _first);
            _first = 0;
        }
    }
}
