using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The sum of the last <see cref="Duration"/> of minute buckets, kept as a running total so a
/// seven-day window costs the same to read as a one-minute one.
/// </summary>
internal sealed class RollingCounter(TimeSpan duration)
{
    private readonly SortedDictionary<long, UsageAmounts> _minutes = [];
    private readonly Lock _lock = new();
    private UsageAmounts _total;

    /// <summary>The first minute held: most reads find nothing to evict without walking the tree.</summary>
    private long _oldest = long.MaxValue;

    public TimeSpan Duration { get; } = duration;

    private long WindowStart(DateTimeOffset now) =>
        (now.ToUnixTimeSeconds() / 60 * 60) + 60 - (long)Duration.TotalSeconds;

    public void Add(long minuteStart, UsageAmounts amounts, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (minuteStart < WindowStart(now))
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
            Evict(WindowStart(now));
            return _total;
        }
    }

    /// <summary>When the window's sum of <paramref name="metric"/> drops below <paramref name="limit"/> if nothing more is counted.</summary>
    public DateTimeOffset? DropsBelowAt(Domain.Usage.Metric metric, long limit, DateTimeOffset now)
    {
        lock (_lock)
        {
            Evict(WindowStart(now));
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
                    return DateTimeOffset.FromUnixTimeSeconds(minute + 60 + (long)Duration.TotalSeconds - 60);
                }
            }

            return now + Duration;
        }
    }

    private void Evict(long windowStart)
    {
        while (_oldest < windowStart)
        {
            _total -= _minutes[_oldest];
            _minutes.Remove(_oldest);
            _oldest = _minutes.Count > 0 ? _minutes.Keys.First() : long.MaxValue;
        }
    }
}
