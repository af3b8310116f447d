using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Budgets;
using BudgetHub.Web.Features.Notifications;

namespace BudgetHub.Web.Tests.Features;

public sealed class NotificationsPageTests : AlertsBunitContext
{
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

    private IRenderedComponent<NotificationsPage> RenderPage()
    {
        var cut = RenderInteractive<NotificationsPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<NotificationsPage> cut, string budget) =>
        cut.FindAll("[data-testid=alerts-table] tbody tr").Single(row => row.TextContent.Contains(budget, StringComparison.Ordinal));
}
