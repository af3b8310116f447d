using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Accounts;

public sealed record MemberView(long Id, string UserId, string Email, string DisplayName, MemberRole Role, DateTime JoinedAt);

/// <param name="Link">The link to share, also emailed to the invitee.</param>
public sealed record CreatedInvitation(Invitation Invitation, string Token, string Link);

public enum MembershipChange
{
    Done,
    NotFound,
    LastOwner,

    /// <summary>The one acting may not: only an Owner makes, changes or removes an Owner (<see cref="MemberRoleRules.MayGrantOrRevoke"/>).</summary>
    NotAllowed,
}

/// <summary>Accounts and who belongs to them: sign-up, invitations, roles, removal.</summary>
public sealed class MembershipService(
    AccountDb db, UserManager<ApplicationUser> users, Metering.IUsageMeter meter, Notifications.OutboxKick outbox, TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Creates a new account with <paramref name="owner"/> as its Owner and makes it active.</summary>
    public async Task<Account> CreateAccountAsync(string name, ApplicationUser owner, CancellationToken ct = default)
    {
        await using var context = db.System();
        var now = clock.GetUtcNow().UtcDateTime;
        var account = new Account { Name = name.Trim(), CreatedAt = now };
        context.Accounts.Add(account);
        await context.SaveChangesAsync(ct);
        context.AccountMembers.Add(new AccountMember { AccountId = account.Id, UserId = owner.Id, Role = MemberRole.Owner, JoinedAt = now });
        await context.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ActiveAccountId, account.Id), ct);
        await context.SaveChangesAsync(ct);
        owner.ActiveAccountId = account.Id;
        return account;
    }

    public async Task<Account?> GetAccountAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
    }

    public async Task UpdateAccountAsync(long accountId, string name, string timeZone, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        await context.Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, name.Trim()).SetProperty(a => a.TimeZone, timeZone), ct);

        // A new time zone moves every calendar window at once: the meter re-reads its counters in it.
        await meter.RefreshAsync(accountId, ct);
    }

    public async Task<IReadOnlyList<MemberView>> ListMembersAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.AccountMembers.AsNoTracking()
            .OrderBy(m => m.JoinedAt).ThenBy(m => m.Id) // in the order they joined: a new role does not move a row
            .Select(m => new MemberView(m.Id, m.UserId, m.User!.Email ?? "", m.User.DisplayName, m.Role, m.JoinedAt))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<(long AccountId, string Name, MemberRole Role)>> ListAccountsOfUserAsync(string userId, CancellationToken ct = default)
    {
        await using var context = db.System();
        var rows = await context.AccountMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.AccountId)
            .Select(m => new { m.AccountId, m.Account!.Name, m.Role })
            .ToListAsync(ct);
        return rows.Select(r => (r.AccountId, r.Name, r.Role)).ToList();
    }

    /// <param name="actorUserId">Who asks: their role in the account, read in the same transaction, decides what they may do.</param>
    public async Task<MembershipChange> ChangeRoleAsync(long accountId, string actorUserId, long memberId, MemberRole role, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        await using var transaction = await context.BeginImmediateTransactionAsync(ct);
        var member = await context.AccountMembers.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return MembershipChange.NotFound;
        }

        var actor = await RoleOfAsync(context, actorUserId, ct);
        if (actor is null || !actor.Value.MayGrantOrRevoke(member.Role) || !actor.Value.MayGrantOrRevoke(role))
        {
            return MembershipChange.NotAllowed;
        }

        if (member.Role == MemberRole.Owner && role != MemberRole.Owner && await IsLastOwnerAsync(context, ct))
        {
            return MembershipChange.LastOwner;
        }

        member.Role = role;
        await context.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await InvalidateSignInAsync(member.UserId);
        return MembershipChange.Done;
    }

    /// <param name="actorUserId">Who asks: their role in the account, read in the same transaction, decides what they may do.</param>
    public async Task<MembershipChange> RemoveAsync(long accountId, string actorUserId, long memberId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        await using var transaction = await context.BeginImmediateTransactionAsync(ct);
        var member = await context.AccountMembers.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return MembershipChange.NotFound;
        }

        var actor = await RoleOfAsync(context, actorUserId, ct);
        if (actor is null || !actor.Value.MayGrantOrRevoke(member.Role))
        {
            return MembershipChange.NotAllowed;
        }

        if (member.Role == MemberRole.Owner && await IsLastOwnerAsync(context, ct))
        {
            return MembershipChange.LastOwner;
        }

        // What they asked this account to send them goes with them: no more digests or alert emails of an account they left.
        await context.DigestSubscriptions.Where(d => d.AccountId == accountId && d.UserId == member.UserId).ExecuteDeleteAsync(ct);
        await context.NotificationPreferences.Where(p => p.AccountId == accountId && p.UserId == member.UserId).ExecuteDeleteAsync(ct);
        context.AccountMembers.Remove(member);
        await context.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await InvalidateSignInAsync(member.UserId);
        return MembershipChange.Done;
    }

    /// <summary>
    /// Stores the invitation and its email in one transaction: the email goes through the outbox, which
    /// retries it while the mail server is down, and the link is returned to be shown at once.
    /// </summary>
    /// <param name="actorUserId">Who invites: only an Owner may invite an Owner.</param>
    /// <param name="appAddress">Where the inviter reaches the app: the link starts with it.</param>
    /// <returns>null when the inviter may not give that role.</returns>
    public async Task<CreatedInvitation?> InviteAsync(
        long accountId, string actorUserId, string email, MemberRole role, string invitedBy, Uri appAddress, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        await using var transaction = await context.BeginImmediateTransactionAsync(ct);
        if (await RoleOfAsync(context, actorUserId, ct) is not { } actor || !actor.MayGrantOrRevoke(role))
        {
            return null;
        }

        var token = Secrets.NewToken("inv_", 32);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Email = email.Trim(),
            Role = role,
            TokenHash = Secrets.Sha256Hex(token),
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        };
        context.Invitations.Add(invitation);
        await context.SaveChangesAsync(ct);
        var link = new Uri(appAddress, $"invite/{token}").ToString();
        var accountName = await context.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).FirstAsync(ct);
        context.Outbox.Add(InvitationEmail.For(invitation, accountName, link, now));
        await context.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Kick();
        return new CreatedInvitation(invitation, token, link);
    }

    public async Task<IReadOnlyList<Invitation>> ListPendingInvitationsAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var now = clock.GetUtcNow().UtcDateTime;
        return await context.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync(ct);
    }

    public async Task<bool> RevokeInvitationAsync(long accountId, long invitationId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var now = clock.GetUtcNow().UtcDateTime;
        return await context.Invitations.Where(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct) > 0;
    }

    /// <summary>A usable invitation for a link's token, with its account, or null.</summary>
    public async Task<Invitation?> FindInvitationAsync(string token, CancellationToken ct = default)
    {
        await using var context = db.System();
        var hash = Secrets.Sha256Hex(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await context.Invitations.IgnoreQueryFilters().AsNoTracking().Include(i => i.Account)
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
    }

    /// <summary>Joins the invitation's account (once) and makes it the user's active account.</summary>
    public async Task<bool> AcceptInvitationAsync(string token, ApplicationUser user, CancellationToken ct = default)
    {
        var invitation = await FindInvitationAsync(token, ct);
        if (invitation is null)
        {
            return false;
        }

        await using var context = db.System();
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await context.Invitations.IgnoreQueryFilters()
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        var alreadyMember = await context.AccountMembers.IgnoreQueryFilters()
            .AnyAsync(m => m.AccountId == invitation.AccountId && m.UserId == user.Id, ct);
        if (!alreadyMember)
        {
            context.AccountMembers.Add(new AccountMember { AccountId = invitation.AccountId, UserId = user.Id, Role = invitation.Role, JoinedAt = now });
        }

        await context.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ActiveAccountId, invitation.AccountId), ct);
        await context.SaveChangesAsync(ct);
        user.ActiveAccountId = invitation.AccountId;
        return true;
    }

    public async Task<bool> SwitchAccountAsync(ApplicationUser user, long accountId, CancellationToken ct = default)
    {
        await using var context = db.System();
        if (!await context.AccountMembers.IgnoreQueryFilters().AnyAsync(m => m.AccountId == accountId && m.UserId == user.Id, ct))
        {
            return false;
        }

        await context.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ActiveAccountId, accountId), ct);
        user.ActiveAccountId = accountId;
        return true;
    }

    /// <summary>Inside the write transaction of the change it guards: two Owners demoting each other at once cannot both pass it.</summary>
    private static async Task<bool> IsLastOwnerAsync(BudgetHubDbContext context, CancellationToken ct) =>
        await context.AccountMembers.CountAsync(m => m.Role == MemberRole.Owner, ct) <= 1;

    private static async Task<MemberRole?> RoleOfAsync(BudgetHubDbContext context, string userId, CancellationToken ct) =>
        await context.AccountMembers.Where(m => m.UserId == userId).Select(m => (MemberRole?)m.Role).FirstOrDefaultAsync(ct);

    /// <summary>A changed role or removal must reach open sessions: a new security stamp revokes the old cookie.</summary>
    private async Task InvalidateSignInAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
    }
}
