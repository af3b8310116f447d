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

    /// <summary>
    /// Each counter family's cells of the buckets its last event went to (a dimension value, with a
    /// policy's filter or none): the next event in the same hour finds its calendar counters with
    /// one lookup instead of four. Forgotten whenever the store removes cells, so it never holds
    /// one that readers no longer see.
    /// </summary>
    private readonly Dictionary<(long AccountId, Dimension Dimension, string Key, string Filter), LastBuckets> _last = [];
    private readonly LastBuckets?[] _byScope = new LastBuckets?[Enum.GetValues<ScopeType>().Length];
    private int _storeRemovals = -1;
    private long _events;

    /// <summary>
    /// Counts the event, and fills <paramref name="read"/> with the counter each applicable policy
    /// reads (in the order of <paramref name="applicable"/>), as found while counting.
    /// </summary>
    public void Count(
        AccountMeterState state, UsageEventInput e, string? team, DateTimeOffset timestamp,
        List<(UsagePolicy Policy, ScopeInstance Instance)> applicable, UsageAmounts amounts, bool unpriced, DateTimeOffset now,
        List<CountedPolicy> read)
    {
        if (counters.Removals != _storeRemovals)
        {
            _last.Clear();
            _storeRemovals = counters.Removals;
        }

        var counting = new Counting(state, ++_events, amounts, unpriced);
        Span<long> starts = stackalloc long[LastBuckets.Slots];
        EventCounting.StartsOf(state, timestamp, starts);
        Span<long> current = stackalloc long[EventCounting.Units.Length];
        EventCounting.StartsOf(state, now, current);
        starts[LastBuckets.Minute] = MinuteBuckets.StartOf(timestamp).ToUnixTimeSeconds();
        EventCounting.DimensionsOf(_dimensions, e, team);
        Array.Clear(_byScope);
        foreach (var (dimension, value) in _dimensions)
        {
            var buckets = BucketsOf(counting, dimension, value, "");
            foreach (var unit in EventCounting.Units)
            {
                CountIn(counting, buckets, (int)unit, starts);
            }

            if (EventCounting.ScopeOf(dimension) is { } scope)
            {
                _byScope[(int)scope] = buckets;
            }
        }

        read.Clear();
        foreach (var (policy, instance) in applicable)
        {
            var counted = CountForPolicy(counting, policy, instance, starts, now);

            // A late event counts in a past window, but the decision is about the current one.
            var pastWindow = policy.Window is WindowSpec.Fixed { Unit: var unit } && starts[(int)unit] != current[(int)unit];
            read.Add(pastWindow ? CountedPolicy.NotCurrent : counted);
        }
    }

    /// <summary>
    /// A policy without a filter reads a calendar counter just counted above. A filtered one has
    /// counters of its own (the stored hour and day make its week and month rebuildable); a rolling
    /// one, minute buckets and a running total.
    /// </summary>
    private CountedPolicy CountForPolicy(in Counting counting, UsagePolicy policy, ScopeInstance instance, ReadOnlySpan<long> starts, DateTimeOffset now)
    {
        var dimension = CounterNames.Of(instance.Type);
        var filter = CounterNames.Of(policy.Filter);
        switch (policy.Window)
        {
            case WindowSpec.Fixed { Unit: var unit } when filter.Length == 0:
                var own = _byScope[(int)instance.Type] is { } counted && counted.Key == instance.Key
                    ? counted
                    : BucketsOf(counting, dimension, instance.Key, "");
                return new CountedPolicy(CountIn(counting, own, (int)unit, starts), null);
            case WindowSpec.Fixed { Unit: var unit }:
                var filtered = BucketsOf(counting, dimension, instance.Key, filter);
                CountIn(counting, filtered, (int)CalendarUnit.Hour, starts);
                CountIn(counting, filtered, (int)CalendarUnit.Day, starts);
                return new CountedPolicy(CountIn(counting, filtered, (int)unit, starts), null);
            case WindowSpec.Rolling rolling:
                CountIn(counting, BucketsOf(counting, dimension, instance.Key, filter), LastBuckets.Minute, starts);
                var total = PolicyReader.RollingOf(counting.State, dimension, instance.Key, filter, rolling);
                total.Add(starts[LastBuckets.Minute], counting.Amounts, now);
                return new CountedPolicy(null, total);
            default:
                throw new InvalidOperationException("Unknown window.");
        }
    }

    private LastBuckets BucketsOf(in Counting counting, Dimension dimension, string key, string filter)
    {
        ref var buckets = ref CollectionsMarshal.GetValueRefOrAddDefault(_last, (counting.State.AccountId, dimension, key, filter), out _);
        return buckets ??= new LastBuckets(dimension, key, filter);
    }

    /// <summary>Adds the event to one of the family's buckets, once however many policies read it.</summary>
    private CounterCell CountIn(in Counting counting, LastBuckets buckets, int slot, ReadOnlySpan<long> starts)
    {
        var key = new CounterKey(counting.State.AccountId, buckets.Dimension, buckets.Key, buckets.Filter, LastBuckets.GranularityOf(slot), starts[slot]);
        if (buckets.Cells[slot] is not { } cell || buckets.Starts[slot] != starts[slot])
        {
            buckets.Cells[slot] = cell = counters.CellFor(key);
            buckets.Starts[slot] = starts[slot];
        }

        if (cell.TryMarkCounted(counting.EventNumber))
        {
            cell.Add(counting.Amounts);
            counting.State.PendingCounters.Add(key, cell, counting.Amounts, counting.Unpriced);
        }

        return cell;
    }

    private readonly record struct Counting(AccountMeterState State, long EventNumber, UsageAmounts Amounts, bool Unpriced);

    /// <summary>A counter family's current cells: one slot per calendar unit (by its value), then the minute.</summary>
    private sealed class LastBuckets(Dimension dimension, string key, string filter)
    {
        public const int Minute = 4;
        public const int Slots = 5;

        public Dimension Dimension { get; } = dimension;

        public string Key { get; } = key;

        public string Filter { get; } = filter;

        public long[] Starts { get; } = new long[Slots];

        public CounterCell?[] Cells { get; } = new CounterCell?[Slots];

        public static Granularity GranularityOf(int slot) => slot == Minute ? Granularity.Minute : CounterNames.Of((CalendarUnit)slot);
    }
}

/// <summary>The counter one applicable policy reads, found while counting an event: a calendar cell or a rolling total.</summary>
internal readonly record struct CountedPolicy(CounterCell? Cell, RollingCounter? Rolling)
{
    /// <summary>The event went to a past window: the policy's current value must be looked up.</summary>
    public static CountedPolicy NotCurrent => default;

    public bool IsCurrent => Cell is not null || Rolling is not null;

    /// <summary>Writer only: it is the one that changes these counters, so it reads them without a retry loop.</summary>
    public long ValueOf(Metric metric, DateTimeOffset now) =>
        Cell is not null ? Cell.WriterValue.Get(metric) : Rolling?.ValueAt(now).Get(metric) ?? throw new InvalidOperationException("Not current.");
}
