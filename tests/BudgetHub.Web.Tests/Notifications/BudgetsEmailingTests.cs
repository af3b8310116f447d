using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Tests.Accounts;

namespace BudgetHub.Web.Tests.Notifications;

/// <summary>The preferences page says which budgets email the member: their preferences only filter those.</summary>
public sealed class BudgetsEmailingTests : IAsyncLifetime
{
    private MembershipDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MembershipDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task BudgetAsync(string name, string recipients, bool email = true, bool enabled = true, PolicyKind kind = PolicyKind.Usage)
    {
        await using var context = _database.Db.For(_database.AccountId);
        context.Policies.Add(new PolicyRecord
        {
            AccountId = _database.AccountId, Name = name, Kind = kind, NotifyEmail = email, NotifyRecipients = recipients, Enabled = enabled, Limit = 100, WindowUnit = "day",
        });
        await context.SaveChangesAsync();
    }

    [Fact]
    public async Task AMember_IsEmailedByTheBudgetsThatListThem_AnOwnerAlsoByThoseThatListNoOne()
    {
        var (owner, _) = await _database.MemberAsync("owner@example.com", MemberRole.Owner);
        var (finance, _) = await _database.MemberAsync("Finance@Example.com", MemberRole.Finance);
        var (viewer, _) = await _database.MemberAsync("viewer@example.com", MemberRole.Viewer);
        await BudgetAsync("Company budget", "");
        await BudgetAsync("Support budget", "finance@example.com,cfo@example.com");
        await BudgetAsync("Muted budget", "finance@example.com", email: false);
        await BudgetAsync("Paused budget", "finance@example.com", enabled: false);
        await BudgetAsync("Keep 30 days", "", kind: PolicyKind.Retention);
        var preferences = new PreferenceService(_database.Db);

        Assert.Equal(["Company budget"], await preferences.BudgetsEmailingAsync(_database.AccountId, owner));
        Assert.Equal(["Support budget"], await preferences.BudgetsEmailingAsync(_database.AccountId, finance));
        Assert.Empty(await preferences.BudgetsEmailingAsync(_database.AccountId, viewer));
    }
}
