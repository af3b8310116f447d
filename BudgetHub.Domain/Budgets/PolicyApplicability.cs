using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Domain.Budgets;

/// <summary>Which policies apply to a subject, and which counter each of them reads.</summary>
public static class PolicyApplicability
{
    /// <summary>
    /// The policies that apply to <paramref name="subject"/>: the account's, its team's, the bot's,
    /// and the user's override — or, when the user has no override, their tier's template.
    /// With <paramref name="matchFilters"/>, a policy filtered to a model or category applies only
    /// to usage of that model or category.
    /// </summary>
    public static IEnumerable<(UsagePolicy Policy, ScopeInstance Instance)> For(
        EnforcementSubject subject, IEnumerable<UsagePolicy> policies, bool matchFilters)
    {
        var active = policies.Where(p => !p.IsInert).ToList();
        var hasOverride = subject.UserId is not null
            && active.Any(p => p.Scope.Type == ScopeType.User && p.Scope.Key == subject.UserId);

        foreach (var policy in active)
        {
            if (matchFilters && !policy.Filter.Matches(subject.Model, subject.Category))
            {
                continue;
            }

            if (InstanceFor(policy.Scope, subject, hasOverride) is { } instance)
            {
                yield return (policy, instance);
            }
        }
    }

    /// <summary>The counter a scope reads for the subject, or null when the scope does not cover it.</summary>
    public static ScopeInstance? InstanceFor(PolicyScope scope, EnforcementSubject subject, bool userHasOverride) => scope.Type switch
    {
        ScopeType.Account => ScopeInstance.Account,
        ScopeType.Team when subject.Team is not null && scope.Key == subject.Team => new ScopeInstance(ScopeType.Team, scope.Key),
        ScopeType.Bot when scope.Key == subject.BotId => new ScopeInstance(ScopeType.Bot, scope.Key),
        ScopeType.User when subject.UserId is not null && scope.Key == subject.UserId => new ScopeInstance(ScopeType.User, scope.Key),
        ScopeType.Tier when subject.UserId is not null && subject.Tier is not null && scope.Key == subject.Tier && !userHasOverride
            => new ScopeInstance(ScopeType.User, subject.UserId),
        _ => null,
    };
}
