using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Accounts;

public sealed class MembershipServiceTests : IAsyncLifetime
{
    private readonly CommandRendezvous _rendezvous = new();
    private MembershipDatabase _database = null!;

    private static readonly Uri AppAddress = new("https://budgethub.example.com/");

    private long AccountId => _database.AccountId;

    public async Task InitializeAsync() => _database = await MembershipDatabase.CreateAsync(_rendezvous);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<(string UserId, long MemberId)> MemberAsync(string email, MemberRole role) => _database.MemberAsync(email, role);

    private Task<T> AsAsync<T>(Func<MembershipService, Task<T>> act) => _database.MembershipsAsync(act);

    private Task<Dictionary<string, MemberRole>> RolesAsync() => _database.RolesAsync();

    /// <summary>What a sign-in cookie is checked against on every request: a new stamp ends the sessions signed with the old one.</summary>
    private async Task<string?> StampOfAsync(string userId)
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetSecurityStampAsync((await users.FindByIdAsync(userId))!);
    }

    private async Task RenameAsync(string userId, string displayName)
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        user.DisplayName = displayName;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    [Fact]
    public async Task AnAdmin_MayNotMakeAnyoneOwner_ThemselvesIncluded()
    {
        var admin = await MemberAsync("admin@example.com", MemberRole.Admin);
        var viewer = await MemberAsync("viewer@example.com", MemberRole.Viewer);
        await MemberAsync("owner@example.com", MemberRole.Owner);

        var self = await AsAsync(m => m.ChangeRoleAsync(AccountId, admin.UserId, admin.MemberId, MemberRole.Owner));
        var other = await AsAsync(m => m.ChangeRoleAsync(AccountId, admin.UserId, viewer.MemberId, MemberRole.Owner));
        var invited = await AsAsync(m => m.InviteAsync(AccountId, admin.UserId, "new@example.com", MemberRole.Owner, "admin@example.com", AppAddress));

        Assert.Equal(MembershipChange.NotAllowed, self);
        Assert.Equal(MembershipChange.NotAllowed, other);
        Assert.Null(invited);
        var roles = await RolesAsync();
        Assert.Equal(MemberRole.Admin, roles[admin.UserId]);
        Assert.Equal(MemberRole.Viewer, roles[viewer.UserId]);
        Assert.Empty(await AsAsync(m => m.ListPendingInvitationsAsync(AccountId)));
        await using var context = _database.Db.For(AccountId);
        Assert.False(await context.Outbox.AnyAsync());
    }

    [Fact]
    public async Task AnAdmin_MayNotDemoteOrRemoveAnOwner_ButManagesEveryoneElse()
    {
        var admin = await MemberAsync("admin@example.com", MemberRole.Admin);
        var owner = await MemberAsync("owner@example.com", MemberRole.Owner);
        await MemberAsync("second-owner@example.com", MemberRole.Owner);
        var finance = await MemberAsync("finance@example.com", MemberRole.Finance);

        var demoted = await AsAsync(m => m.ChangeRoleAsync(AccountId, admin.UserId, owner.MemberId, MemberRole.Viewer));
        var removed = await AsAsync(m => m.RemoveAsync(AccountId, admin.UserId, owner.MemberId));
        var financeToAdmin = await AsAsync(m => m.ChangeRoleAsync(AccountId, admin.UserId, finance.MemberId, MemberRole.Admin));
        var invited = await AsAsync(m => m.InviteAsync(AccountId, admin.UserId, "new@example.com", MemberRole.Finance, "admin@example.com", AppAddress));

        Assert.Equal(MembershipChange.NotAllowed, demoted);
        Assert.Equal(MembershipChange.NotAllowed, removed);
        Assert.Equal(MembershipChange.Done, financeToAdmin);
        Assert.NotNull(invited);
        var roles = await RolesAsync();
        Assert.Equal(MemberRole.Owner, roles[owner.UserId]);
        Assert.Equal(MemberRole.Admin, roles[finance.UserId]);
    }

    [Fact]
    public async Task AnOwner_MakesAndUnmakesOwners()
    {
        var owner = await MemberAsync("owner@example.com", MemberRole.Owner);
        var admin = await MemberAsync("admin@example.com", MemberRole.Admin);

        var promoted = await AsAsync(m => m.ChangeRoleAsync(AccountId, owner.UserId, admin.MemberId, MemberRole.Owner));
        var invited = await AsAsync(m => m.InviteAsync(AccountId, owner.UserId, "co-owner@example.com", MemberRole.Owner, "owner@example.com", AppAddress));
        var removed = await AsAsync(m => m.RemoveAsync(AccountId, owner.UserId, admin.MemberId));

        Assert.Equal(MembershipChange.Done, promoted);
        Assert.Equal(MemberRole.Owner, invited?.Invitation.Role);
        Assert.Equal(MembershipChange.Done, removed);
        Assert.Equal([owner.UserId], (await RolesAsync()).Keys);
    }

    [Fact]
    public async Task TwoRoleChangesInARow_ByOneLongLivedPage_BothTakeEffect_AndEachEndsTheMembersSessions()
    {
        var owner = await MemberAsync("owner@example.com", MemberRole.Owner);
        var member = await MemberAsync("member@example.com", MemberRole.Finance);
        var memberships = _database.Services.GetRequiredService<MembershipService>(); // as Settings → Members holds it for its circuit's life
        var signedIn = await StampOfAsync(member.UserId);

        var demoted = await memberships.ChangeRoleAsync(AccountId, owner.UserId, member.MemberId, MemberRole.Viewer);
        var afterDemotion = await StampOfAsync(member.UserId);
        await RenameAsync(member.UserId, "Mia Member"); // the member's own row changes meanwhile, as a new password or a profile edit does
        var promoted = await memberships.ChangeRoleAsync(AccountId, owner.UserId, member.MemberId, MemberRole.Admin);

        Assert.Equal((MembershipChange.Done, MembershipChange.Done), (demoted, promoted));
        Assert.Equal(MemberRole.Admin, (await RolesAsync())[member.UserId]);
        Assert.NotEqual(signedIn, afterDemotion);
        var afterPromotion = await StampOfAsync(member.UserId);
        Assert.NotEqual(afterDemotion, afterPromotion);
        await using var context = _database.Db.System();
        Assert.Equal("Mia Member", await context.Users.Where(u => u.Id == member.UserId).Select(u => u.DisplayName).SingleAsync());
    }

    [Fact]
    public async Task Remove_EndsTheMembersSessions_InTheSameStepAsTheRemoval()
    {
        var owner = await MemberAsync("owner@example.com", MemberRole.Owner);
        var member = await MemberAsync("member@example.com", MemberRole.Viewer);
        var signedIn = await StampOfAsync(member.UserId);

        Assert.Equal(MembershipChange.Done, await AsAsync(m => m.RemoveAsync(AccountId, owner.UserId, member.MemberId)));

        Assert.NotEqual(signedIn, await StampOfAsync(member.UserId));
    }

    [Fact]
    public async Task Invite_QueuesItsEmailWithTheInvitation_ForTheOutboxToDeliverAndRetry()
    {
        var owner = await MemberAsync("owner@example.com", MemberRole.Owner);

        var created = await AsAsync(m => m.InviteAsync(AccountId, owner.UserId, "new.colleague@example.com", MemberRole.Finance, "owner@example.com", AppAddress));

        Assert.NotNull(created);
        Assert.StartsWith("https://budgethub.example.com/invite/inv_", created.Link, StringComparison.Ordinal);
        await using var context = _database.Db.For(AccountId);
        var email = await context.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal($"invitation:{created.Invitation.Id}", email.DedupeKey);
        Assert.Equal(OutboxChannel.Email, email.Channel);
        Assert.Equal("new.colleague@example.com", email.Recipient);
        Assert.Equal("You're invited to Test Co on BudgetHub", email.Subject);
        Assert.Contains($"owner@example.com invited you to join Test Co on BudgetHub as Finance.\n\nAccept: {created.Link}\n", email.Body, StringComparison.Ordinal);
        Assert.Null(email.SentAt);
        Assert.Equal(1, _database.Jobs.Created); // a delivery run, kicked after the commit
    }

    [Fact]
    public async Task Remove_ForgetsTheMembersDigestAndPreferences_InThatAccountOnly()
    {
        var owner = await MemberAsync("owner@example.com", MemberRole.Owner);
        var member = await MemberAsync("member@example.com", MemberRole.Finance);
        await using (var context = _database.Db.System())
        {
            var elsewhere = new Account { Name = "Other Co", CreatedAt = DateTime.UtcNow };
            context.Accounts.Add(elsewhere);
            await context.SaveChangesAsync();
            foreach (var accountId in new[] { AccountId, elsewhere.Id })
            {
                context.DigestSubscriptions.Add(new DigestSubscription { AccountId = accountId, UserId = member.UserId, Daily = true });
                context.NotificationPreferences.Add(new NotificationPreference { AccountId = accountId, UserId = member.UserId, Severity = Severity.Warning, Email = true, InApp = true });
            }

            context.DigestSubscriptions.Add(new DigestSubscription { AccountId = AccountId, UserId = owner.UserId, Daily = true });
            await context.SaveChangesAsync();
        }

        Assert.Equal(MembershipChange.Done, await AsAsync(m => m.RemoveAsync(AccountId, owner.UserId, member.MemberId)));

        await using var check = _database.Db.System();
        Assert.Equal([owner.UserId], await check.DigestSubscriptions.IgnoreQueryFilters().Where(d => d.AccountId == AccountId).Select(d => d.UserId).ToListAsync());
        Assert.False(await check.NotificationPreferences.IgnoreQueryFilters().AnyAsync(p => p.AccountId == AccountId));
        Assert.Equal(1, await check.DigestSubscriptions.IgnoreQueryFilters().CountAsync(d => d.UserId == member.UserId));
        Assert.Equal(1, await check.NotificationPreferences.IgnoreQueryFilters().CountAsync(p => p.UserId == member.UserId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheOnlyTwoOwners_DemotingEachOtherOrThemselvesAtOnce_LeaveOneOwner(bool eachOther)
    {
        var first = await MemberAsync("first-owner@example.com", MemberRole.Owner);
        var second = await MemberAsync("second-owner@example.com", MemberRole.Owner);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _rendezvous.Arm("UPDATE \"AccountMembers\"");

        var demotions = new[] { (Actor: first, Target: eachOther ? second : first), (Actor: second, Target: eachOther ? first : second) }.Select(async pair =>
        {
            await start.Task;
            return await AsAsync(m => m.ChangeRoleAsync(AccountId, pair.Actor.UserId, pair.Target.MemberId, MemberRole.Admin));
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(demotions);

        // The one who comes second is refused: no longer an Owner (each other), or the last one (themselves).
        Assert.Single(outcomes, outcome => outcome == MembershipChange.Done);
        Assert.Contains(eachOther ? MembershipChange.NotAllowed : MembershipChange.LastOwner, outcomes);
        Assert.Single(await RolesAsync(), role => role.Value == MemberRole.Owner);
    }
}
