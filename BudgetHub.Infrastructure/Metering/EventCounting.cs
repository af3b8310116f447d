using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Which counter buckets one event adds to.</summary>
internal static class EventCounting
{
    private static readonly CalendarUnit[] Units = [CalendarUnit.Hour, CalendarUnit.Day, CalendarUnit.Week, CalendarUnit.Month];

    /// <summary>
    /// Only minutes, hours and days are stored; weeks and months are sums of days, kept in memory
    /// and rebuilt from the stored days at start-up (half the writes on the hot path).
    /// </summary>
    public static bool IsStored(Granularity granularity) => granularity is Granularity.Minute or Granularity.Hour or Granularity.Day;

    /// <summary>
    /// Fills <paramref name="keys"/> with every dimension value of the event in every calendar unit
    /// (for reports and unfiltered fixed windows), plus the filtered and per-minute counters that
    /// the applicable policies read (a key may come twice when two policies read the same counter).
    /// </summary>
    public static void KeysFor(
        List<CounterKey> keys, AccountMeterState state, UsageEventInput e, string? team, DateTimeOffset timestamp,
        List<(UsagePolicy Policy, ScopeInstance Instance)> applicable)
    {
        keys.Clear();
        Span<long> starts = stackalloc long[Units.Length];
        for (var i = 0; i < Units.Length; i++)
        {
            starts[i] = state.Calendar(Units[i], timestamp).Start.ToUnixTimeSeconds();
        }

        foreach (var (dimension, key) in DimensionsOf(e, team))
        {
            for (var i = 0; i < Units.Length; i++)
            {
                keys.Add(new CounterKey(state.AccountId, dimension, key, "", CounterNames.Of(Units[i]), starts[i]));
            }
        }

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

    private static IEnumerable<(Dimension, string)> DimensionsOf(UsageEventInput e, string? team)
    {
        yield return (Dimension.Account, "");
        yield return (Dimension.Bot, e.BotId);
        if (team is not null)
        {
            yield return (Dimension.Team, team);
        }

        if (e.UserId is not null)
        {
            yield return (Dimension.User, e.UserId);
        }

        if (e.Tier is not null)
        {
            yield return (Dimension.Tier, e.Tier);
        }

        if (e.Model is not null)
        {
            yield return (Dimension.Model, e.Model);
        }

        if (e.Category is not null)
        {
            yield return (Dimension.Category, e.Category);
        }

        if (e.Provider is not null)
        {
            yield return (Dimension.Provider, e.Provider);
        }
    }
}
