using Microsoft.AspNetCore.Identity;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>A person who signs in. Belongs to accounts through <see cref="AccountMember"/> rows.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The account the user works in now (a user may be a member of several).</summary>
    public long? ActiveAccountId { get; set; }
}
