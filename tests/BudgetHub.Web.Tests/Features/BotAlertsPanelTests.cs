using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Features.Bots;

namespace BudgetHub.Web.Tests.Features;

public sealed class BotAlertsPanelTests : AlertsBunitContext
{
    private const string Bot = "support-bot";
    private const string Cap = "support-bot · daily cost cap";
    private long? _cap;

    [Fact]
    public void BotAlertsPanel_WithoutAlerts_SaysSo_AndLinksToTheBotsAlerts()
    {
        SignIn(MemberRole.Finance);

        var cut = RenderPanel();

        Assert.Contains("No active alerts for this bot", cut.Find("[data-testid=bot-alerts-empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/notifications?bot=support-bot", cut.Find("[data-testid=bot-alerts-all]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=bot-alerts-ack-all]"));
    }

    [Fact]
    public async Task BotAlertsPanel_ListsTheBotsUnacknowledgedAlerts_WithWhatCrossedAndForWhom()
    {
        var tier = await AddPolicyAsync("Free tier daily spend", ScopeType.Tier, "free");
        await AddCapAlertAsync(95);
        await AddAlertAsync(tier, "Free tier daily spend", ScopeType.User, "u-14", Bot, user: "u-14");
        await AddCapAlertAsync(80, acknowledged: true);
        await AddAlertAsync(tier, "Free tier daily spend", ScopeType.User, "u-15", "other-bot", user: "u-15");
        SignIn(MemberRole.Finance);

        var cut = RenderPanel();

        var rows = cut.FindAll("[data-testid=bot-alert]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Active alerts (2)", cut.Markup, StringComparison.Ordinal);
        var user = rows[0].TextContent;
        Assert.Contains("Warning", user, StringComparison.Ordinal);
        Assert.Contains("Free tier daily spend · user u-14", user, StringComparison.Ordinal);
        Assert.Contains("$0.40 of $0.50, reached 80%", user, StringComparison.Ordinal);
        var own = rows[1].TextContent;
        Assert.Contains("Critical", own, StringComparison.Ordinal);
        Assert.Contains("daily cost cap", own, StringComparison.Ordinal);
        Assert.DoesNotContain("support-bot · daily cost cap", own, StringComparison.Ordinal);
        Assert.Contains("of $0.50, reached 95%", own, StringComparison.Ordinal);
        Assert.Contains("per day from Nov 24, 00:00", own, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=bot-alert-ack]").Count);
        Assert.Contains("Acknowledge all (2)", cut.Find("[data-testid=bot-alerts-ack-all]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotAlertsPanel_ForAViewer_ShowsTheAlerts_WithoutAcknowledgeButtons()
    {
        await AddCapAlertAsync(80);
        await AddCapAlertAsync(95);
        SignIn(MemberRole.Viewer);

        var cut = RenderPanel();

        Assert.Equal(2, cut.FindAll("[data-testid=bot-alert]").Count);
        Assert.Empty(cut.FindAll("[data-testid=bot-alert-ack]"));
        Assert.Empty(cut.FindAll("[data-testid=bot-alerts-ack-all]"));
    }

    [Fact]
    public async Task Acknowledge_AcknowledgesThatAlertOnly_AndTakesItOffThePanel()
    {
        var warning = await AddCapAlertAsync(80);
        var critical = await AddCapAlertAsync(95);
        SignIn(MemberRole.Finance);
        var cut = RenderPanel();

        cut.Find($"[data-testid=bot-alert-ack][data-alert-id='{warning.Id}']").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=bot-alert]")));
        Assert.True(await IsAcknowledgedAsync(warning.Id));
        Assert.False(await IsAcknowledgedAsync(critical.Id));
        Assert.Empty(cut.FindAll("[data-testid=bot-alerts-ack-all]"));
    }

    [Fact]
    public async Task AcknowledgeAll_AcknowledgesEveryAlertShown_AndLeavesTheEmptyState()
    {
        var warning = await AddCapAlertAsync(80);
        var exceeded = await AddCapAlertAsync(100);
        SignIn(MemberRole.Finance);
        var cut = RenderPanel();

        cut.Find("[data-testid=bot-alerts-ack-all]").Click();

        cut.WaitForElement("[data-testid=bot-alerts-empty]");
        Assert.True(await IsAcknowledgedAsync(warning.Id));
        Assert.True(await IsAcknowledgedAsync(exceeded.Id));
    }

    [Fact]
    public async Task ANewAlertOfTheBot_AppearsLive()
    {
        SignIn(MemberRole.Finance);
        var cut = RenderPanel();
        await StartLiveUpdatesAsync();
        cut.WaitForElement("[data-testid=bot-alerts-empty]");

        await AddCapAlertAsync(95);
        PublishAlertChange();

        cut.WaitForAssertion(() => Assert.Contains("Critical", cut.Find("[data-testid=bot-alert]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnOrganizationWideAlertTheBotRaised_SaysWholeOrganization_AsTheBudgetsPageDoes()
    {
        var budget = await AddPolicyAsync("Monthly AI budget", ScopeType.Account, "");
        await AddAlertAsync(budget, "Monthly AI budget", ScopeType.Account, "", Bot);
        SignIn(MemberRole.Finance);

        var cut = RenderPanel();

        var row = cut.Find("[data-testid=bot-alert]").TextContent;
        Assert.Contains("Monthly AI budget · whole organization", row, StringComparison.Ordinal);
        Assert.DoesNotContain("account", row, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnAlertOfADeletedBudget_SaysSo_AndCanStillBeAcknowledged()
    {
        var alert = await AddAlertAsync(policyId: 999, "Old support budget", ScopeType.Bot, Bot, Bot, resolvedAt: Today.AddHours(12));
        SignIn(MemberRole.Finance);

        var cut = RenderPanel();

        var row = cut.Find("[data-testid=bot-alert]").TextContent;
        Assert.Contains("Old support budget", row, StringComparison.Ordinal);
        Assert.Contains("(deleted)", row, StringComparison.Ordinal);
        Assert.Contains("Resolved: its budget was deleted", row, StringComparison.Ordinal);
        cut.Find("[data-testid=bot-alert-ack]").Click();
        cut.WaitForElement("[data-testid=bot-alerts-empty]");
        Assert.True(await IsAcknowledgedAsync(alert.Id));
    }

    /// <summary>An alert of the bot's daily cost cap at <paramref name="threshold"/>%.</summary>
    private async Task<AlertRecord> AddCapAlertAsync(int threshold, bool acknowledged = false)
    {
        _cap ??= await AddPolicyAsync(Cap, ScopeType.Bot, Bot);
        return await AddAlertAsync(_cap.Value, Cap, ScopeType.Bot, Bot, Bot, threshold, acknowledged: acknowledged);
    }

    private IRenderedComponent<BotAlertsPanel> RenderPanel()
    {
        var cut = RenderInteractive<BotAlertsPanel>(p => p.Add(c => c.BotId, Bot));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }
}
