namespace BudgetHub.Domain.Usage;

/// <summary>What a counter counts. Cost is in micro-USD.</summary>
public enum Metric
{
    Tokens,
    Messages,
    Conversations,
    Cost,
    Calls,
    Errors,
}
