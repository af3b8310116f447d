namespace BudgetHub.Domain.Budgets;

/// <summary>What a usage policy does at 100% of its limit.</summary>
public enum PolicyAction
{
    Warn,
    Block,
    DryRun,
}
