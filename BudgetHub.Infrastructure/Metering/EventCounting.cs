using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Which counter buckets one event adds to.</summary>
internal static class EventCounting
{
    public static readonly CalendarUnit[] Units = [CalendarUnit.Hour, CalendarUnit.Day, CalendarUnit.Week, CalendarUnit.Month];

    /// <summary>
    /// Only minutes, hours and days are stored; weeks and months are sums of days, kept in memory
    /// and rebuilt from the stored days at start-up (half the writes on the hot path).
    /// </summary>
    public static bool IsStored(Granularity granularity) => granularity is Granularity.Minute or Granularity.Hour or Granularity.Day;

    /// <summary>The starts (Unix seconds) of the <see cref="Units"/> containing <paramref name="timestamp"/> in the account's zone.</summary>
    public static void StartsOf(AccountMeterState state, DateTimeOffset timestamp, Span<long> starts)
    {
        for (var i = 0; i < Units.Length; i++)
        {
            starts[i] = state.Calendar(Units[i], timestamp).Start.ToUnixTimeSeconds();
        }
    }

    /// <summary>
    /// Fills <paramref name="keys"/> with the filtered and per-minute counters that the applicable
    /// policies read (a key may come twice when two policies read the same counter).
    /// </summary>
    public static void PolicyKeysFor(
        List<CounterKey> keys, AccountMeterState state, DateTimeOffset timestamp, ReadOnlySpan<long> starts,
        List<(UsagePolicy Policy, ScopeInstance Instance)> applicable)
    {
        keys.Clear();
        foreach (var (policy, instance) in applicable)
        {
            var dimension = CounterNames.Of(instance.Type);
            var filter = CounterNames.Of(policy.Filter);
            switch (policy.Window)
            {
                case WindowSpec.Fixed { Unit: var unit } when filter.Length > 0:
                    // The stored hour and day make the filtered week and month rebuildable.
                    keys.Add(new CounterKey(state.AccountId, dimension, instance.Key, filter, Granularity.Hour, starts[0]));
                    keys.Add(new CounterKey(state.AccountId, dimension, instance.Key, filter, Granularity.Day, starts[1]));
                    keys.Add(new CounterKey(state.AccountId, dimension, instance.Key, filter, CounterNames.Of(unit), starts[(int)unit]));
                    break;
                case WindowSpec.Rolling:
                    keys.Add(new CounterKey(state.AccountId, dimension, instance.Key, filter, Granularity.Minute, MinuteBuckets.StartOf(timestamp).ToUnixTimeSeconds()));
                    break;
            }
        }
    }

    /// <summary>Fills <paramref name="dimensions"/> with every dimension value of the event: each has a counter in every calendar unit.</summary>
    public static void DimensionsOf(List<(Dimension Dimension, string Key)> dimensions, UsageEventInput e, string? team)
    {
        dimensions.Clear();
        dimensions.Add((Dimension.Account, ""));
        dimensions.Add((Dimension.Bot, e.BotId));
        AddIfAny(dimensions, Dimension.Team, team);
        AddIfAny(dimensions, Dimension.User, e.UserId);
        AddIfAny(dimensions, Dimension.Tier, e.Tier);
        AddIfAny(dimensions, Dimension.Model, e.Model);
        AddIfAny(dimensions, Dimension.Category, e.Category);
        AddIfAny(dimensions, Dimension.Provider, e.Provider);
    }

    private static void AddIfAny(List<(Dimension, string)> dimensions, Dimension dimension, string? key)
    {
        if (key is not null)
        {
            dimensions.Add((dimension, key));
        }
    }
}
