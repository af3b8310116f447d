using System.Globalization;
using System.Security.Claims;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>Puts the user's active account and their role in it into the sign-in cookie.</summary>
internal sealed class AccountClaimsPrincipalFactory(
    UserManager<ApplicationUser> users,
    IOptions<IdentityOptions> options,
    AccountDb db)
    : UserClaimsPrincipalFactory<ApplicationUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var context = db.System();
        var memberships = context.AccountMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Select(m => new { m.AccountId, m.Role, m.Account!.Name });
        var membership = await memberships.FirstOrDefaultAsync(m => m.AccountId == user.ActiveAccountId)
            ?? await memberships.OrderBy(m => m.AccountId).FirstOrDefaultAsync();
        if (membership is not null)
        {
            identity.AddClaim(new Claim(AccountClaims.AccountId, membership.AccountId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(AccountClaims.AccountName, membership.Name));
            identity.AddClaim(new Claim(ClaimTypes.Role, membership.Role.ToString()));
        }

        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("name", user.DisplayName));
        }

        return identity;
    }
}
