namespace BudgetHub.Domain.Budgets;

/// <summary>
/// Who a policy covers. <see cref="Tier"/> is a tier template: its limit applies to each user of
/// the tier separately. <see cref="User"/> is a per-user override, which replaces the template.
/// </summary>
public enum ScopeType
{
    Account,
    Team,
    Bot,
    Tier,
    User,
}
