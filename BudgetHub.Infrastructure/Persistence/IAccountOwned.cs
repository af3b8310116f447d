namespace BudgetHub.Infrastructure.Persistence;

/// <summary>A row that belongs to one account. Queries see only the current account's rows.</summary>
public interface IAccountOwned
{
    long AccountId { get; set; }
}
