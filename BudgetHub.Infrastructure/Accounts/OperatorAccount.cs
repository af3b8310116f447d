using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>
/// The account that runs this installation, whose Owners and Admins may see system-wide tools (the
/// Hangfire dashboard). It is the first account ever created: the <c>Bootstrap:*</c> account when one is
/// configured (the bootstrapper creates it on an empty database, before the app serves anyone), else
/// the first account someone registered.
/// </summary>
internal sealed class OperatorAccount(AccountDb db)
{
    /// <summary>Read from the database on every call: a removed member or a changed role counts at once.</summary>
    public async Task<bool> IsManagedByAsync(string userId, CancellationToken ct = default)
    {
        await using var context = db.System();
        return await context.AccountMembers.IgnoreQueryFilters().AnyAsync(m => m.UserId == userId
            && m.AccountId == context.Accounts.Min(a => a.Id)
            && (m.Role == MemberRole.Owner || m.Role == MemberRole.Admin), ct);
    }
}
