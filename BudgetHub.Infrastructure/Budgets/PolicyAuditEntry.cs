using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Budgets;

/// <summary>Who changed a policy, when, and what it looked like afterwards.</summary>
public sealed class PolicyAuditEntry : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long PolicyId { get; set; }
    public string Change { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTime At { get; set; }
    public string Snapshot { get; set; } = "";
}
