using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Adds one event to every counter it belongs to: in memory at once, in the database at the next flush.</summary>
internal sealed class EventCounter(CounterStore counters)
{
    public void Count(
        HashSet<CounterKey> keys, AccountMeterState state, UsageEventInput e, string? team, DateTimeOffset timestamp,
        List<(UsagePolicy Policy, ScopeInstance Instance)> applicable, UsageAmounts amounts, bool unpriced, DateTimeOffset now)
    {
        EventCounting.KeysFor(keys, state, e, team, timestamp, applicable);
        foreach (var key in keys)
        {
            counters.Add(key, amounts);
            state.PendingCounters.Add(key, amounts, unpriced);
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
