using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Accounts.Settings;
using BudgetHub.Web.Hosting;
using BudgetHub.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Web.Tests.Features;

public sealed class MembersSettingsTests : MudBunitContext
{
    private const string OwnersOnlyHint = "Only an Owner can change or remove an Owner.";

    [Fact]
    public void RolesGivenBy_AnAdmin_IsNeverOfferedOwner()
    {
        Assert.Equal([MemberRole.Admin, MemberRole.Finance, MemberRole.Viewer], MembersSettings.RolesGivenBy(MemberRole.Admin));
        Assert.Equal(Enum.GetValues<MemberRole>(), MembersSettings.RolesGivenBy(MemberRole.Owner));
        Assert.Empty(MembersSettings.RolesGivenBy(MemberRole.Finance));
    }

    [Fact]
    public async Task AnAdmin_SeesAnOwnersRoleAndRemoveLocked_WithTheReason_ButManagesOthers()
    {
        await using var database = await MembershipDatabase.CreateAsync();
        await database.MemberAsync("first-owner@example.com", MemberRole.Owner);
        await database.MemberAsync("second-owner@example.com", MemberRole.Owner);
        var admin = await database.MemberAsync("admin@example.com", MemberRole.Admin);
        await database.MemberAsync("viewer@example.com", MemberRole.Viewer);
        await using var scope = database.Services.CreateAsyncScope();
        SignIn(database, scope, "admin@example.com", admin.UserId, MemberRole.Admin);

        var cut = Render<MembersSettings>();
        cut.WaitForElement("[data-testid=members-table]");
        var owner = RowOf(cut, "first-owner@example.com");
        var viewer = RowOf(cut, "viewer@example.com");

        Assert.True(owner.QuerySelector("[data-testid=member-remove]")!.HasAttribute("disabled"));
        Assert.Equal(OwnersOnlyHint, owner.QuerySelector("[data-testid=member-remove]")!.GetAttribute("aria-label"));
        Assert.Contains(owner.QuerySelectorAll("[aria-label]"), element => element.GetAttribute("aria-label") == OwnersOnlyHint && element.TagName != "BUTTON");
        Assert.False(viewer.QuerySelector("[data-testid=member-remove]")!.HasAttribute("disabled"));
        Assert.DoesNotContain(viewer.QuerySelectorAll("[aria-label]"), element => element.GetAttribute("aria-label") == OwnersOnlyHint);
    }

    [Fact]
    public async Task Invite_ShowsTheLinkAtOnce_AndLeavesTheEmailToTheOutbox()
    {
        await using var database = await MembershipDatabase.CreateAsync();
        var owner = await database.MemberAsync("owner@example.com", MemberRole.Owner);
        await using var scope = database.Services.CreateAsyncScope();
        SignIn(database, scope, "owner@example.com", owner.UserId, MemberRole.Owner);
        var cut = Render<MembersSettings>();
        cut.WaitForElement("[data-testid=members-table]");

        cut.Find("input[data-testid=invite-email]").Input("new.colleague@example.com");
        cut.Find("[data-testid=invite-button]").Click();

        var link = cut.WaitForElement("[data-testid=invite-link]").TextContent;
        Assert.StartsWith("http://localhost/invite/inv_", link, StringComparison.Ordinal);
        await using var context = database.Db.For(database.AccountId);
        var email = await context.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal("new.colleague@example.com", email.Recipient);
        Assert.Contains(link, email.Body, StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<MembersSettings> cut, string email) =>
        cut.FindAll("[data-testid=members-table] tbody tr").Single(row => row.TextContent.Contains(email, StringComparison.Ordinal));

    /// <summary>Signs <paramref name="email"/> in as a member with <paramref name="role"/> and gives the page its services.</summary>
    private void SignIn(MembershipDatabase database, AsyncServiceScope scope, string email, string userId, MemberRole role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(email);
        authorization.SetRoles(role.ToString());
        authorization.SetPolicies(role.CanManageAccount() ? [Policies.Member, Policies.ManageBudgets, Policies.ManageAccount] : [Policies.Member]);
        authorization.SetClaims(
            new Claim(AccountClaims.AccountId, database.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(AccountClaims.AccountName, "Test Co"),
            new Claim(ClaimTypes.NameIdentifier, userId));
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<MembershipService>());
        Services.AddSingleton(new UsageQueries(database.Db, database.Services.GetRequiredService<IUsageMeter>()));
    }
}
