using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// Where a usage policy stands now. <see cref="Value"/> is its counter in the current window (null
/// when the meter does not keep it, e.g. a disabled rolling policy); <see cref="ScopeTotals"/> are all
/// six metrics of the scope's calendar window — for a tier template, the sum over every user of the tier.
/// </summary>
public sealed record PolicyStanding(PolicyRecord Record, UsagePolicy Policy, long? Value, DateTimeOffset? ResetsAt, UsageAmounts? ScopeTotals)
{
    public bool IsTierTemplate => Policy.Scope.Type == ScopeType.Tier;

    /// <summary>Whether <see cref="Percent"/> means something: a limit, and a counter of that limit's own scope.</summary>
    public bool HasProgress => Value is not null && Policy.Limit > 0 && !IsTierTemplate;

    public decimal Percent => HasProgress ? Math.Round((decimal)Value!.Value * 100 / Policy.Limit, 1) : 0;

    public bool IsOverLimit => HasProgress && Value >= Policy.Limit;

    /// <inheritdoc cref="SeverityRules.Of"/>
    public Severity? Severity => HasProgress ? SeverityRules.Of(Policy, Value!.Value) : null;

    /// <summary>At or past an alert threshold, below the limit.</summary>
    public bool IsNearLimit => Severity is not (null or Domain.Enforcement.Severity.Exceeded);

    // One policy is one row, whatever its numbers: tables key their rows by item, and a live update
    // must change a row in place, not rebuild it under an open menu or the keyboard focus.
    public bool Equals(PolicyStanding? other) => other is not null && other.Record.Id == Record.Id;

    public override int GetHashCode() => Record.Id.GetHashCode();
}

/// <summary>What a policy counts: its scope, metric, window and filter. Two policies that count the same share a counter.</summary>
public sealed record PolicyCounter(ScopeType Scope, string Key, Metric Metric, WindowSpec Window, PolicyFilter Filter)
{
    public static PolicyCounter Of(PolicyRecord record)
    {
        var policy = record.ToDomain();
        return new PolicyCounter(policy.Scope.Type, policy.Scope.Key, policy.Metric, policy.Window, policy.Filter);
    }
}

/// <summary>Reads standings from the meter's memory: no database, cheap enough to run on every live update.</summary>
public static class PolicyStandings
{
    /// <summary>
    /// Where a policy that counts <paramref name="counter"/> would stand now: the saved policy's own counter while
    /// it still counts the same, else the scope's counter of the current calendar window. Null when the meter has
    /// none: a rolling window or a filter that no saved policy counts yet, or a tier, whose users each have their own.
    /// </summary>
    public static long? CurrentValue(IUsageMeter meter, long accountId, PolicyCounter counter, PolicyRecord? saved)
    {
        if (counter.Scope == ScopeType.Tier)
        {
            return null;
        }

        if (saved is not null && PolicyCounter.Of(saved) == counter && Of(meter, accountId, saved).Value is { } own)
        {
            return own;
        }

        return counter.Filter.IsEmpty && counter.Window is WindowSpec.Fixed { Unit: var unit }
            ? meter.Current(accountId, CounterNames.Of(counter.Scope), counter.Key, CounterNames.Of(unit)).Get(counter.Metric)
            : null;
    }

    /// <summary>
    /// The active budgets that count <paramref name="subject"/>'s usage (the account's, its team's, the bot's, the
    /// user's override), from the meter's memory; not tier templates, whose limit is for each user on their own.
    /// </summary>
    public static List<PolicyStanding> Covering(IUsageMeter meter, long accountId, IEnumerable<PolicyRecord> records, EnforcementSubject subject)
    {
        var covering = meter.Explain(accountId, subject).Select(e => e.Policy.Id).ToHashSet();
        return records.Where(p => covering.Contains(p.Id) && p.ScopeType != ScopeType.Tier).Select(p => Of(meter, accountId, p)).ToList();
    }

    public static IReadOnlyList<PolicyStanding> Of(IUsageMeter meter, long accountId, IEnumerable<PolicyRecord> records) =>
        records.Select(record => Of(meter, accountId, record)).ToList();

    public static PolicyStanding Of(IUsageMeter meter, long accountId, PolicyRecord record)
    {
        var policy = record.ToDomain();
        var totals = ScopeTotals(meter, accountId, policy);
        if (policy.Scope.Type == ScopeType.Tier)
        {
            return new PolicyStanding(record, policy, totals?.Get(policy.Metric), null, totals);
        }

        var evaluation = policy.IsInert
            ? null
            : meter.Explain(accountId, SubjectCoveredBy(policy.Scope)).FirstOrDefault(e => e.Policy.Id == policy.Id);
        var value = evaluation?.Value ?? (policy.Filter.IsEmpty ? totals?.Get(policy.Metric) : null);
        return new PolicyStanding(record, policy, value, evaluation?.ResetsAt, totals);
    }

    /// <summary>The scope's unfiltered counter of the current calendar window; null for rolling windows, which only policies count.</summary>
    private static UsageAmounts? ScopeTotals(IUsageMeter meter, long accountId, UsagePolicy policy) => policy.Window is WindowSpec.Fixed { Unit: var unit }
        ? meter.Current(accountId, CounterNames.Of(policy.Scope.Type), policy.Scope.Key, CounterNames.Of(unit))
        : null;

    /// <summary>A subject that the scope covers, so that explaining it yields this policy's own counter.</summary>
    private static EnforcementSubject SubjectCoveredBy(PolicyScope scope) => scope.Type switch
    {
        ScopeType.Team => new EnforcementSubject(BotId: "", Team: scope.Key, UserId: null, Tier: null),
        ScopeType.Bot => new EnforcementSubject(BotId: scope.Key, Team: null, UserId: null, Tier: null),
        ScopeType.User => new EnforcementSubject(BotId: "", Team: null, UserId: scope.Key, Tier: null),
        _ => new EnforcementSubject(BotId: "", Team: null, UserId: null, Tier: null),
    };
}
