using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Domain.Budgets;

/// <summary>Which policies apply to a subject, and which counter each of them reads.</summary>
public static class PolicyApplicability
{
    /// <inheritdoc cref="PolicySet.For"/>
    public static IEnumerable<(UsagePolicy Policy, ScopeInstance Instance)> For(
        EnforcementSubject subject, IEnumerable<UsagePolicy> policies, bool matchFilters) =>
        new PolicySet(policies).For(subject, matchFilters);
}
