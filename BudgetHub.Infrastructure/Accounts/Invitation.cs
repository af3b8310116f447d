using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>An emailed link that lets its holder join an account with a role.</summary>
public sealed class Invitation : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string Email { get; set; } = "";
    public MemberRole Role { get; set; }
    public string TokenHash { get; set; } = "";
    public string InvitedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public Account? Account { get; set; }
}
