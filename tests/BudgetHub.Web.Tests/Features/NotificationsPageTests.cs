using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Budgets;
using BudgetHub.Web.Features.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Features;

public sealed class NotificationsPageTests : AlertsBunitContext
{
    [Fact]
    public async Task NotificationsPage_LinkedToABot_ListsThatBotsAlerts_NotThoseOfBotsWhoseIdStartsTheSame()
    {
        var budget = await AddPolicyAsync("Bot budget", ScopeType.Bot, "support");
        await AddAlertAsync(budget, "Bot budget", ScopeType.Bot, "support", "support");
        await AddAlertAsync(budget, "Bot budget", ScopeType.Bot, "support-eu", "support-eu");
        SignIn(MemberRole.Finance);

        var cut = RenderPage(bot: "support");

        var row = Assert.Single(cut.FindAll("[data-testid=alerts-table] tbody tr"));
        Assert.Contains("bot support", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("support-eu", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("support", cut.Find("input[data-testid=bot-filter]").GetAttribute("value"));
    }

    [Fact]
    public async Task AnAlertOfADeletedBudget_HasAnAcknowledgeButton_AndNoLinkToTheBudget()
    {
        var kept = await AddPolicyAsync("Kept budget", ScopeType.Bot, "bot-a");
        await AddAlertAsync(kept, "Kept budget", ScopeType.Bot, "bot-a", "bot-a");
        var orphan = await AddAlertAsync(policyId: 999, "Deleted budget", ScopeType.Bot, "bot-a", "bot-a", threshold: 95, resolvedAt: Today.AddHours(12));
        SignIn(MemberRole.Finance);
        var cut = RenderPage();

        var row = RowOf(cut, "Deleted budget");
        Assert.Contains("(deleted)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Resolved: its budget was deleted", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("a[href='/budgets']"));
        Assert.NotNull(RowOf(cut, "Kept budget").QuerySelector("a[href='/budgets']"));

        row.QuerySelector("[data-testid=ack]")!.Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("Deleted budget", cut.Markup, StringComparison.Ordinal));
        Assert.True(await IsAcknowledgedAsync(orphan.Id));
    }

    [Fact]
    public async Task AResolvedAlert_ForAViewer_SaysWhy_WithoutAButton()
    {
        await AddAlertAsync(policyId: 999, "Deleted budget", ScopeType.Bot, "bot-a", "bot-a", resolvedAt: Today.AddHours(12));
        SignIn(MemberRole.Viewer);

        var cut = RenderPage();

        var row = RowOf(cut, "Deleted budget");
        Assert.Contains("Resolved: its budget was deleted", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("[data-testid=ack]"));
    }

    [Fact]
    public async Task ATierTemplatesAlerts_SayWhichUserEachIsFor_AndThroughWhichBot()
    {
        var tier = await AddPolicyAsync("Free tier daily spend", ScopeType.Tier, "free");
        await AddAlertAsync(tier, "Free tier daily spend", ScopeType.User, "u-1", "faq-bot", user: "u-1");
        await AddAlertAsync(tier, "Free tier daily spend", ScopeType.User, "u-2", "support-bot", user: "u-2");
        SignIn(MemberRole.Finance);

        var cut = RenderPage();

        var rows = cut.FindAll("[data-testid=alerts-table] tbody tr");
        Assert.Contains("user u-2", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("via bot support-bot", Normalize(rows[0].QuerySelector("[data-testid=via-bot]")!.TextContent));
        Assert.Equal("/bots/support-bot", rows[0].QuerySelector("[data-testid=via-bot] a")!.GetAttribute("href"));
        Assert.Contains("user u-1", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("via bot faq-bot", Normalize(rows[1].QuerySelector("[data-testid=via-bot]")!.TextContent));
    }

    private IRenderedComponent<NotificationsPage> RenderPage(string? bot = null)
    {
        if (bot is not null)
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            navigation.NavigateTo(navigation.GetUriWithQueryParameter("bot", bot));
        }

        var cut = RenderInteractive<NotificationsPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<NotificationsPage> cut, string budget) =>
        cut.FindAll("[data-testid=alerts-table] tbody tr").Single(row => row.TextContent.Contains(budget, StringComparison.Ordinal));

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
