using System.Collections.Concurrent;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>What a counter groups usage by. The first four are also policy scopes.</summary>
public enum Dimension : byte
{
    Account,
    Team,
    Bot,
    User,
    Tier,
    Model,
    Category,
    Provider,
}

/// <summary>A counter bucket's length: a UTC minute (rolling windows) or a calendar unit in the account's time zone.</summary>
public enum Granularity : byte
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
}

/// <summary>One counter bucket: a dimension value, an optional policy filter, a granularity and its start (Unix seconds).</summary>
public readonly record struct CounterKey(long AccountId, Dimension Dimension, string Key, string Filter, Granularity Granularity, long BucketStart);

public static class CounterNames
{
    public static string Of(Dimension dimension) => dimension switch
    {
        Dimension.Account => "account",
        Dimension.Team => "team",
        Dimension.Bot => "bot",
        Dimension.User => "user",
        Dimension.Tier => "tier",
        Dimension.Model => "model",
        Dimension.Category => "category",
        Dimension.Provider => "provider",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    public static string Of(Granularity granularity) => granularity switch
    {
        Granularity.Minute => "minute",
        Granularity.Hour => "hour",
        Granularity.Day => "day",
        Granularity.Week => "week",
        Granularity.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };

    public static Dimension ParseDimension(string name) => Enum.Parse<Dimension>(name, ignoreCase: true);

    public static Granularity ParseGranularity(string name) => Enum.Parse<Granularity>(name, ignoreCase: true);

    public static Granularity Of(CalendarUnit unit) => unit switch
    {
        CalendarUnit.Hour => Granularity.Hour,
        CalendarUnit.Day => Granularity.Day,
        CalendarUnit.Week => Granularity.Week,
        CalendarUnit.Month => Granularity.Month,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    public static CalendarUnit UnitOf(Granularity granularity) => granularity switch
    {
        Granularity.Hour => CalendarUnit.Hour,
        Granularity.Day => CalendarUnit.Day,
        Granularity.Week => CalendarUnit.Week,
        Granularity.Month => CalendarUnit.Month,
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };

    public static Dimension Of(ScopeType scope) => scope switch
    {
        ScopeType.Account => Dimension.Account,
        ScopeType.Team => Dimension.Team,
        ScopeType.Bot => Dimension.Bot,
        ScopeType.User => Dimension.User,
        ScopeType.Tier => Dimension.Tier,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>The key a dimension value is counted under: a tier's label in lower case (<see cref="TierLabels"/>), any other value as it is.</summary>
    public static string KeyOf(Dimension dimension, string value) => dimension == Dimension.Tier ? TierLabels.CounterKey(value) : value;

    /// <summary>Filters come from policies, so there are few; each policy read would otherwise build its name again.</summary>
    private static readonly ConcurrentDictionary<PolicyFilter, string> FilterNames = new();

    /// <summary>The filter part of a counter key: empty, or <c>model=x;category=y</c>.</summary>
    public static string Of(PolicyFilter filter) => filter.IsEmpty
        ? ""
        : FilterNames.GetOrAdd(filter, static f => $"model={f.Model?.ToLowerInvariant()};category={f.Category?.ToLowerInvariant()}");
}
