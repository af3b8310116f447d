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

    /// <summary>The policy scope whose counters are the dimension's own; none for tiers (a tier template counts each user).</summary>
    public static ScopeType? ScopeOf(Dimension dimension) => dimension switch
    {
        Dimension.Account => ScopeType.Account,
        Dimension.Team => ScopeType.Team,
        Dimension.Bot => ScopeType.Bot,
        Dimension.User => ScopeType.User,
        _ => null,
    };

    /// <summary>Fills <paramref name="dimensions"/> with every dimension value of the event: each has a counter in every calendar unit.</summary>
    public static void DimensionsOf(List<(Dimension Dimension, string Key)> dimensions, UsageEventInput e, string? team)
    {
        dimensions.Clear();
        dimensions.Add((Dimension.Account, ""));
        dimensions.Add((Dimension.Bot, e.BotId));
        AddIfAny(dimensions, Dimension.Team, team);
        AddIfAny(dimensions, Dimension.User, e.UserId);
        AddIfAny(dimensions, Dimension.Tier, e.Tier is null ? null : TierLabels.CounterKey(e.Tier));
        // Model and provider names are vendors' identifiers, which prices and policy filters match in any
        // case: counted in lower case, "GPT-4o" and "gpt-4o" are one row of the breakdown, not two.
        AddIfAny(dimensions, Dimension.Model, e.Model?.ToLowerInvariant());
        AddIfAny(dimensions, Dimension.Category, e.Category);
        AddIfAny(dimensions, Dimension.Provider, e.Provider?.ToLowerInvariant());
    }

    private static void AddIfAny(List<(Dimension, string)> dimensions, Dimension dimension, string? key)
    {
        if (key is not null)
        {
            dimensions.Add((dimension, key));
        }
    }
}
