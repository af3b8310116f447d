using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Accounts;

public sealed class AccountMember : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string UserId { get; set; } = "";
    public MemberRole Role { get; set; }
    public DateTime JoinedAt { get; set; }

    public ApplicationUser? User { get; set; }
    public Account? Account { get; set; }
}
