using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Accounts.Settings;
using BudgetHub.Web.Hosting;
using BudgetHub.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        SignIn(database, admin.UserId, MemberRole.Admin);
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<MembershipService>());
        Services.AddSingleton(new UsageQueries(database.Db, database.Services.GetRequiredService<IUsageMeter>()));
        Services.AddSingleton(new EmailTransport(Options.Create(new EmailOptions()), TimeProvider.System));

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

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<MembersSettings> cut, string email) =>
        cut.FindAll("[data-testid=members-table] tbody tr").Single(row => row.TextContent.Contains(email, StringComparison.Ordinal));

    private void SignIn(MembershipDatabase database, string userId, MemberRole role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin@example.com");
        authorization.SetRoles(role.ToString());
        authorization.SetPolicies(role.CanManageAccount() ? [Policies.Member, Policies.ManageBudgets, Policies.ManageAccount] : [Policies.Member]);
        authorization.SetClaims(
            new Claim(AccountClaims.AccountId, database.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(AccountClaims.AccountName, "Test Co"),
            new Claim(ClaimTypes.NameIdentifier, userId));
    }
}
