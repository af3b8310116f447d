using System.Collections.Concurrent;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The counters of the current windows, in memory. Only the meter's writer changes them; checks
/// and pages read them from any thread.
/// </summary>
public sealed class CounterStore
{
    private readonly ConcurrentDictionary<CounterKey, UsageAmounts> _counters = new();

    public UsageAmounts Get(CounterKey key) => _counters.TryGetValue(key, out var amounts) ? amounts : UsageAmounts.Zero;

    internal void Add(CounterKey key, UsageAmounts amounts) =>
        _counters.AddOrUpdate(key, static (_, added) => added, static (_, existing, added) => existing + added, amounts);

    internal void RemoveAccount(long accountId)
    {
        foreach (var key in _counters.Keys.Where(k => k.AccountId == accountId))
        {
            _counters.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets buckets that ended before <paramref name="horizon"/> (Unix seconds); the database keeps them.</summary>
    internal int Evict(Func<CounterKey, bool> expired)
    {
        var removed = 0;
        foreach (var key in _counters.Keys)
        {
            if (expired(key) && _counters.TryRemove(key, out _))
            {
                removed++;
            }
        }

        return removed;
    }

    public int Count => _counters.Count;
}
