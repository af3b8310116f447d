namespace BudgetHub.Domain.Enforcement;

/// <summary>A decision, ordered from least to most restrictive: the most restrictive wins.</summary>
public enum EnforcementAction
{
    Allow = 0,
    DryRun = 1,
    Warn = 2,
    Block = 3,
}
