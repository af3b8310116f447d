using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Budgets;
using AlertSeverity = BudgetHub.Domain.Enforcement.Severity;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Components.Layout;
using MudBlazor;

namespace BudgetHub.Web.Tests.Features;

public sealed class NotificationBellTests : AlertsBunitContext
{
    private const string Member = "member-1";

    [Fact]
    public async Task NotificationBell_ATierTemplatesAlerts_SayWhichUserEachIsFor()
    {
        var tier = await AddPolicyAsync("Free tier daily spend", ScopeType.Tier, "free");
        foreach (var (user, bot) in new[] { ("u-1", "faq-bot"), ("u-2", "faq-bot"), ("u-3", "support-bot") })
        {
            await NotifyAsync(await AddAlertAsync(tier, "Free tier daily spend", ScopeType.User, user, bot, user: user));
        }

        var team = await AddPolicyAsync("Support team budget", ScopeType.Team, "support");
        await NotifyAsync(await AddAlertAsync(team, "Support team budget", ScopeType.Team, "support", "faq-bot"));
        var cut = RenderInteractive(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<NotificationBell>(1);
            builder.AddAttribute(2, nameof(NotificationBell.User), Principal());
            builder.CloseComponent();
        });

        cut.Find("[data-testid=bell] button").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=bell-item]").Count));
        Assert.Equal(
            ["For user u-3, via bot support-bot", "For user u-2, via bot faq-bot", "For user u-1, via bot faq-bot"],
            cut.FindAll("[data-testid=bell-for-whom]").Select(e => e.TextContent.Trim()));
    }

    private async Task NotifyAsync(AlertRecord alert)
    {
        await using var context = Db.For(AccountId);
        context.Notifications.Add(new InAppNotification
        {
            AccountId = AccountId, UserId = Member, AlertId = alert.Id, Severity = AlertSeverity.Warning, CreatedAt = alert.CreatedAt,
            Title = $"{alert.PolicyName} has reached {alert.Threshold}% of its limit", Link = "/notifications",
        });
        await context.SaveChangesAsync();
    }

    private ClaimsPrincipal Principal() => new(new ClaimsIdentity(
        [new Claim(AccountClaims.AccountId, AccountId.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.NameIdentifier, Member)], "test"));
}
