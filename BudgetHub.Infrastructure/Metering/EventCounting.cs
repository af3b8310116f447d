using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Which counter buckets one event adds to.</summary>
internal static class EventCounting
{
    private static readonly CalendarUnit[] Units = [CalendarUnit.Hour, CalendarUnit.Day, CalendarUnit.Week, CalendarUnit.Month];

    /// <summary>
    /// Every dimension value of the event in every calendar unit (for reports and unfiltered fixed
    /// windows), plus the filtered and per-minute counters that the applicable policies read.
    /// </summary>
    public static HashSet<CounterKey> KeysFor(
        AccountMeterState state, UsageEventInput e, string? team, DateTimeOffset timestamp,
        IEnumerable<(UsagePolicy Policy, ScopeInstance Instance)> applicable)
    {
        var keys = new HashSet<CounterKey>();
        Span<long> starts = stackalloc long[Units.Length];
        for (var i = 0; i < Units.Length; i++)
        {
            starts[i] = CalendarWindows.Containing(Units[i], timestamp, state.Zone).Start.ToUnixTimeSeconds();
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
                    keys.Add(new CounterKey(state.AccountId, dimension, instance.Key, filter, CounterNames.Of(unit), starts[Array.IndexOf(Units, unit)]));
                    break;
                case WindowSpec.Rolling:
                    keys.Add(new CounterKey(state.AccountId, dimension, instance.Key, filter, Granularity.Minute, MinuteBuckets.StartOf(timestamp).ToUnixTimeSeconds()));
                    break;
            }
        }

        return keys;
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
