using BudgetHub.Domain.Budgets;

namespace BudgetHub.Infrastructure.Budgets;

/// <summary>
/// Tier labels match in any case, so a tier has one spelling among its templates: a "Pro" template beside a "pro"
/// one would read as two tiers while both hold the same users.
/// </summary>
internal static class TierSpelling
{
    /// <summary>The <c>scope.id</c> error of a tier template whose tier another template spells in another case, or null.</summary>
    /// <param name="otherPolicies">The account's other policies (the one being changed left out).</param>
    public static string? Clash(PolicyInput input, IEnumerable<PolicyRecord> otherPolicies)
    {
        if (input is not { Kind: PolicyKind.Usage, ScopeType: ScopeType.Tier, ScopeId: { } tier })
        {
            return null;
        }

        tier = tier.Trim();
        var other = otherPolicies.FirstOrDefault(p => p is { Kind: PolicyKind.Usage, ScopeType: ScopeType.Tier }
            && string.Equals(p.ScopeKey, tier, StringComparison.OrdinalIgnoreCase) && !string.Equals(p.ScopeKey, tier, StringComparison.Ordinal));
        return other is null ? null
            : $"The template \"{other.Name}\" already spells this tier \"{other.ScopeKey}\". Tier labels match in any case: write \"{other.ScopeKey}\", so the tier has one name.";
    }
}
