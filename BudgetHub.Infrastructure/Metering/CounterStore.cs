using System.Collections.Concurrent;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The counters of the current windows, in memory. One thread at a time changes an account's
/// counters (its loader, then the meter's writer); checks and pages read them from any thread.
/// </summary>
public sealed class CounterStore
{
    private readonly ConcurrentDictionary<CounterKey, CounterCell> _counters = new();
    private int _removals;

    /// <summary>Changes after cells are removed: whoever keeps cells aside must look them up again.</summary>
    internal int Removals => Volatile.Read(ref _removals);

    public UsageAmounts Get(CounterKey key) => _counters.TryGetValue(key, out var cell) ? cell.Read() : UsageAmounts.Zero;

    internal void Add(CounterKey key, UsageAmounts amounts) => CellFor(key).Add(amounts);

    internal CounterCell CellFor(CounterKey key) =>
        _counters.TryGetValue(key, out var cell) ? cell : _counters.GetOrAdd(key, static _ => new CounterCell());

    internal void RemoveAccount(long accountId)
    {
        foreach (var key in _counters.Keys.Where(k => k.AccountId == accountId))
        {
            _counters.TryRemove(key, out _);
        }

        Interlocked.Increment(ref _removals);
    }

    /// <summary>Forgets the buckets <paramref name="expired"/> picks (the database keeps them); returns how many.</summary>
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

        if (removed > 0)
        {
            Interlocked.Increment(ref _removals);
        }

        return removed;
    }

    public int Count => _counters.Count;
}

/// <summary>
/// One counter, changed in place by its single writer without a lock (a lock per update was a
/// tenth of the writer's time). A version that is odd while a write is under way lets readers
/// retry instead of seeing half an update. The writer also keeps here what the database does not
/// have yet (see <see cref="PendingCounters"/>), so an event costs one lookup per counter.
/// </summary>
internal sealed class CounterCell
{
    private UsageAmounts _value;
    private int _version;
    private long _lastEvent;

    /// <summary>Writer only: the increments since the last flush.</summary>
    internal (UsageAmounts Amounts, long Unpriced)? Pending;

    /// <returns>false when this event was already counted here.</returns>
    internal bool TryMarkCounted(long eventNumber)
    {
        if (_lastEvent == eventNumber)
        {
            return false;
        }

        _lastEvent = eventNumber;
        return true;
    }

    public void Add(UsageAmounts amounts)
    {
        Interlocked.Increment(ref _version);
        _value += amounts;
        Interlocked.Increment(ref _version);
    }

    /// <summary>Writer only: the thread that changes the cell reads it without the retry loop.</summary>
    internal UsageAmounts WriterValue => _value;

    public UsageAmounts Read()
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _version);
            var value = _value;
            Interlocked.MemoryBarrier();
            if ((before & 1) == 0 && Volatile.Read(ref _version) == before)
            {
                return value;
            }

            spinner.SpinOnce();
        }
    }
}
