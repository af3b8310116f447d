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
    private readonly List<CounterKey> _keys = [];
    private long _events;

    public void Count(
        AccountMeterState state, UsageEventInput e, string? team, DateTimeOffset timestamp,
        List<(UsagePolicy Policy, ScopeInstance Instance)> applicable, UsageAmounts amounts, bool unpriced, DateTimeOffset now)
    {
        var eventNumber = ++_events;
        EventCounting.KeysFor(_keys, state, e, team, timestamp, applicable);
        foreach (var key in _keys)
        {
            var cell = counters.CellFor(key);
            // Two policies may read the same counter: it counts the event once.
            if (cell.TryMarkCounted(eventNumber))
            {
                cell.Add(amounts);
                state.PendingCounters.Add(key, cell, amounts, unpriced);
            }
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
}
