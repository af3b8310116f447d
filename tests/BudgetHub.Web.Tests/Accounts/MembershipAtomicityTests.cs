using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Web.Tests.Accounts;

/// <summary>Sign-up and invitations write several rows: all of them or none, also when two people act at once.</summary>
public sealed class MembershipAtomicityTests : IAsyncLifetime
{
    private const string MembershipInsert = "INSERT INTO \"AccountMembers\"";
    private static readonly Uri AppAddress = new("https://budgethub.example.com/");
    private readonly FailingCommands _failing = new();
    private readonly CommandRendezvous _rendezvous = new();
    private MembershipDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MembershipDatabase.CreateAsync(_failing, _rendezvous);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<T> AsAsync<T>(Func<MembershipService, Task<T>> act) => _database.MembershipsAsync(act);

    [Fact]
    public async Task CreateAccount_WhenItsOwnerCannotBeMadeMember_LeavesNoAccountBehind()
    {
        var founder = await _database.UserAsync("founder@example.com");
        _failing.Arm(MembershipInsert);

        await Assert.ThrowsAnyAsync<Exception>(() => AsAsync(m => m.CreateAccountAsync("Half Co", founder)));

        await using var context = _database.Db.System();
        Assert.Equal(["Test Co"], await context.Accounts.Select(a => a.Name).ToListAsync());
        Assert.Null(await ActiveAccountOfAsync(founder.Id));
    }

    [Fact]
    public async Task CreateAccount_MakesTheFounderItsOwner_AndTheirActiveAccount()
    {
        var founder = await _database.UserAsync("founder@example.com");

        var account = await AsAsync(m => m.CreateAccountAsync("  New Co ", founder));

        Assert.Equal("New Co", account.Name);
        Assert.Equal(account.Id, await ActiveAccountOfAsync(founder.Id));
        Assert.Equal([(account.Id, "New Co", MemberRole.Owner)], await AsAsync(m => m.ListAccountsOfUserAsync(founder.Id)));
    }

    [Fact]
    public async Task AcceptInvitation_WhenTheMembershipCannotBeWritten_LeavesTheLinkWorking()
    {
        var token = await InviteAsync("new@example.com", MemberRole.Finance);
        var invitee = await _database.UserAsync("new@example.com");
        _failing.Arm(MembershipInsert);

        await Assert.ThrowsAnyAsync<Exception>(() => AsAsync(m => m.AcceptInvitationAsync(token, invitee)));

        Assert.NotNull(await AsAsync(m => m.FindInvitationAsync(token)));
        Assert.Null(await ActiveAccountOfAsync(invitee.Id));
        Assert.Equal(0, await MembershipsOfAsync(invitee.Id));
        _failing.Arm("nothing any more");
        Assert.True(await AsAsync(m => m.AcceptInvitationAsync(token, invitee)));
        Assert.Equal(MemberRole.Finance, (await _database.RolesAsync())[invitee.Id]);
    }

    [Fact]
    public async Task TwoInvitationsOfOnePerson_AcceptedAtOnce_MakeOneMembership_AndBothSayJoined()
    {
        var tokens = new[] { await InviteAsync("twice@example.com", MemberRole.Finance), await InviteAsync("twice@example.com", MemberRole.Viewer) };
        var invitee = await _database.UserAsync("twice@example.com");

        var outcomes = await AtOnceAsync(tokens.Select(token => (token, invitee)));

        Assert.Equal([true, true], outcomes);
        Assert.Equal(1, await MembershipsOfAsync(invitee.Id));
        Assert.Equal(_database.AccountId, await ActiveAccountOfAsync(invitee.Id));
    }

    [Fact]
    public async Task OneLinkSubmittedTwiceAtOnce_ByItsInvitee_JoinsOnce_AndBothSayJoined()
    {
        var token = await InviteAsync("double-click@example.com", MemberRole.Viewer);
        var invitee = await _database.UserAsync("double-click@example.com");

        var outcomes = await AtOnceAsync([(token, invitee), (token, invitee)]);

        Assert.Equal([true, true], outcomes);
        Assert.Equal(1, await MembershipsOfAsync(invitee.Id));
        Assert.Null(await AsAsync(m => m.FindInvitationAsync(token)));
    }

    [Fact]
    public async Task OneLinkUsedByTwoPeopleAtOnce_JoinsOne_AndTellsTheOtherItNoLongerWorks()
    {
        var token = await InviteAsync("shared@example.com", MemberRole.Viewer);
        var first = await _database.UserAsync("first@example.com");
        var second = await _database.UserAsync("second@example.com");

        var outcomes = await AtOnceAsync([(token, first), (token, second)]);

        Assert.Single(outcomes, joined => joined);
        Assert.Equal(1, await MembershipsOfAsync(first.Id) + await MembershipsOfAsync(second.Id));
    }

    private async Task<string> InviteAsync(string email, MemberRole role)
    {
        var owner = await OwnerAsync();
        var created = await AsAsync(m => m.InviteAsync(_database.AccountId, owner, email, role, "owner@example.com", AppAddress));
        return created!.Token;
    }

    private async Task<string> OwnerAsync()
    {
        await using var context = _database.Db.For(_database.AccountId);
        return await context.AccountMembers.Where(m => m.Role == MemberRole.Owner).Select(m => m.UserId).FirstOrDefaultAsync()
            ?? (await _database.MemberAsync("owner@example.com", MemberRole.Owner)).UserId;
    }

    /// <summary>Accepts each link as its user at the same moment, every one held at its membership insert until another is there too.</summary>
    private async Task<bool[]> AtOnceAsync(IEnumerable<(string Token, ApplicationUser User)> accepts)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _rendezvous.Arm(MembershipInsert);
        var running = accepts.Select(async accept =>
        {
            await start.Task;
            return await AsAsync(m => m.AcceptInvitationAsync(accept.Token, accept.User));
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(running);
    }

    private async Task<long?> ActiveAccountOfAsync(string userId)
    {
        await using var context = _database.Db.System();
        return await context.Users.Where(u => u.Id == userId).Select(u => u.ActiveAccountId).SingleAsync();
    }

    private async Task<int> MembershipsOfAsync(string userId)
    {
        await using var context = _database.Db.System();
        return await context.AccountMembers.IgnoreQueryFilters().CountAsync(m => m.UserId == userId);
    }
}
