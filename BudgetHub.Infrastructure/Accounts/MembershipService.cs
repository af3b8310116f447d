using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Persistence;
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

/// <summary>
/// Accounts and who belongs to them: sign-up, invitations, roles, removal. One context per operation, so that pages
/// may hold it for as long as their circuit lives, and each change is one transaction.
/// </summary>
public sealed class MembershipService(AccountDb db, Metering.IUsageMeter meter, Notifications.OutboxKick outbox, TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Creates a new account with <paramref name="owner"/> as its Owner and makes it active.</summary>
    public async Task<Account> CreateAccountAsync(string name, ApplicationUser owner, CancellationToken ct = default)
    {
        await using var context = db.System();
        var now = clock.GetUtcNow().UtcDateTime;
        var account = await context.WriteAtomicallyAsync(async () =>
        {
            var created = new Account { Name = name.Trim(), CreatedAt = now };
            context.Accounts.Add(created);
            await context.SaveChangesAsync(ct);
            context.AccountMembers.Add(new AccountMember { AccountId = created.Id, UserId = owner.Id, Role = MemberRole.Owner, JoinedAt = now });
            await context.SaveChangesAsync(ct);
            await MakeActiveAsync(context, owner.Id, created.Id, ct);
            return created;
        }, ct);
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
        return await context.WriteAtomicallyAsync(async () =>
        {
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
            await EndSignInsAsync(context, member.UserId, ct);
            return MembershipChange.Done;
        }, ct);
    }

    /// <param name="actorUserId">Who asks: their role in the account, read in the same transaction, decides what they may do.</param>
    public async Task<MembershipChange> RemoveAsync(long accountId, string actorUserId, long memberId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.WriteAtomicallyAsync(async () =>
        {
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
            await EndSignInsAsync(context, member.UserId, ct);
            return MembershipChange.Done;
        }, ct);
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
        var created = await context.WriteAtomicallyAsync(async () =>
        {
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
            return new CreatedInvitation(invitation, token, link);
        }, ct);
        if (created is not null)
        {
            outbox.Kick();
        }

        return created;
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

    /// <summary>
    /// Joins the invitation's account (once) and makes it the user's active account. The invitation is used up and the
    /// membership made together, or neither.
    /// </summary>
    /// <returns>
    /// Whether the user is now a member: also true for a link that this same user used a moment ago (a second click, another
    /// tab), and false for one that is unknown, revoked, expired, or used by someone else.
    /// </returns>
    public async Task<bool> AcceptInvitationAsync(string token, ApplicationUser user, CancellationToken ct = default)
    {
        await using var context = db.System();
        var hash = Secrets.Sha256Hex(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var joined = await context.WriteAtomicallyAsync(async () =>
        {
            var invitation = await context.Invitations.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
            if (invitation is null)
            {
                return null;
            }

            var alreadyMember = await context.AccountMembers.IgnoreQueryFilters()
                .AnyAsync(m => m.AccountId == invitation.AccountId && m.UserId == user.Id, ct);
            var usable = invitation.AcceptedAt is null && invitation.RevokedAt is null && invitation.ExpiresAt > now;
            if (!usable && !(invitation.AcceptedAt is not null && alreadyMember))
            {
                return null;
            }

            if (usable)
            {
                invitation.AcceptedAt = now;
            }

            if (!alreadyMember)
            {
                context.AccountMembers.Add(new AccountMember { AccountId = invitation.AccountId, UserId = user.Id, Role = invitation.Role, JoinedAt = now });
            }

            await context.SaveChangesAsync(ct);
            await MakeActiveAsync(context, user.Id, invitation.AccountId, ct);
            return (long?)invitation.AccountId;
        }, ct);
        if (joined is not { } accountId)
        {
            return false;
        }

        user.ActiveAccountId = accountId;
        return true;
    }

    public async Task<bool> SwitchAccountAsync(ApplicationUser user, long accountId, CancellationToken ct = default)
    {
        await using var context = db.System();
        if (!await context.AccountMembers.IgnoreQueryFilters().AnyAsync(m => m.AccountId == accountId && m.UserId == user.Id, ct))
        {
            return false;
        }

        await MakeActiveAsync(context, user.Id, accountId, ct);
        user.ActiveAccountId = accountId;
        return true;
    }

    private static async Task MakeActiveAsync(BudgetHubDbContext context, string userId, long accountId, CancellationToken ct) =>
        await context.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ActiveAccountId, accountId), ct);

    /// <summary>Inside the write transaction of the change it guards: two Owners demoting each other at once cannot both pass it.</summary>
    private static async Task<bool> IsLastOwnerAsync(BudgetHubDbContext context, CancellationToken ct) =>
        await context.AccountMembers.CountAsync(m => m.Role == MemberRole.Owner, ct) <= 1;

    private static async Task<MemberRole?> RoleOfAsync(BudgetHubDbContext context, string userId, CancellationToken ct) =>
        await context.AccountMembers.Where(m => m.UserId == userId).Select(m => (MemberRole?)m.Role).FirstOrDefaultAsync(ct);

    /// <summary>
    /// A changed role or removal must reach open sessions: a new security stamp ends each of them at its next request (an
    /// open page within seconds), where the sign-in page says why. Written in the change's own transaction, so there is
    /// never a new role without it. Their sessions' rows stay until then: the notice needs the session that it ends.
    /// </summary>
    private static async Task EndSignInsAsync(BudgetHubDbContext context, string userId, CancellationToken ct) =>
        await context.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
}
