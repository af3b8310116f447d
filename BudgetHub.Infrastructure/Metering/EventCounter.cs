using System.Runtime.InteropServices;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Adds one event to every counter it belongs to: in memory at once, in the database at the next
/// flush. Only the writer's one thread counts.
/// </summary>
internal sealed class EventCounter(CounterStore counters)
{
    private readonly List<(Dimension Dimension, string Key)> _dimensions = [];
    private readonly List<CounterKey> _policyKeys = [];

    /// <summary>
    /// Each dimension value's cells of the buckets its last event went to: the next event in the same
    /// hour finds its four calendar counters with one lookup instead of four. Forgotten whenever
    /// the store removes cells, so it never holds one that readers no longer see.
    /// </summary>
    private readonly Dictionary<(long AccountId, Dimension Dimension, string Key), LastBuckets> _last = [];
    private int _storeRemovals = -1;
    private long _events;

    public void Count(
        AccountMeterState state, UsageEventInput e, string? team, DateTimeOffset timestamp,
        List<(UsagePolicy Policy, ScopeInstance Instance)> applicable, UsageAmounts amounts, bool unpriced, DateTimeOffset now)
    {
        var eventNumber = ++_events;
        if (counters.Removals != _storeRemovals)
        {
            _last.Clear();
            _storeRemovals = counters.Removals;
        }

        Span<long> starts = stackalloc long[EventCounting.Units.Length];
        EventCounting.StartsOf(state, timestamp, starts);
        EventCounting.DimensionsOf(_dimensions, e, team);
        foreach (var (dimension, value) in _dimensions)
        {
            ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_last, (state.AccountId, dimension, value), out _);
            last ??= new LastBuckets();
            for (var i = 0; i < starts.Length; i++)
            {
                var key = new CounterKey(state.AccountId, dimension, value, "", CounterNames.Of(EventCounting.Units[i]), starts[i]);
                if (last.Cells[i] is null || last.Starts[i] != starts[i])
                {
                    last.Cells[i] = counters.CellFor(key);
                    last.Starts[i] = starts[i];
                }

                Add(state, key, last.Cells[i]!, eventNumber, amounts, unpriced);
            }
        }

        EventCounting.PolicyKeysFor(_policyKeys, state, timestamp, starts, applicable);
        foreach (var key in _policyKeys)
        {
            Add(state, key, counters.CellFor(key), eventNumber, amounts, unpriced);
        }

        foreach (var (policy, instance) in applicable)
        {
            if (policy.Window is WindowSpec.Rolling rolling)
            {
                PolicyReader.RollingOf(state, CounterNames.Of(instance.Type), instance.Key, CounterNames.Of(policy.Filter), rolling.Duration)
                    .Add(MinuteBuckets.StartOf(timestamp).ToUnixTimeSeconds(), amounts, now);
            }
        }
    }

    private static void Add(AccountMeterState state, CounterKey key, CounterCell cell, long eventNumber, UsageAmounts amounts, bool unpriced)
    {
        // Two policies may read the same counter: it counts the event once.
        if (cell.TryMarkCounted(eventNumber))
        {
            cell.Add(amounts);
            state.PendingCounters.Add(key, cell, amounts, unpriced);
        }
    }

    private sealed class LastBuckets
    {
        public long[] Starts { get; } = new long[EventCounting.Units.Length];

        public CounterCell?[] Cells { get; } = new CounterCell?[EventCounting.Units.Length];
    }
}
