using BudgetHub.Domain.Enforcement;
using BudgetHub.Web.Features.Notifications;

namespace BudgetHub.Web.Tests.Features;

public sealed class AlertsEmptyStateTests : MudBunitContext
{
    [Fact]
    public void AlertsEmptyState_WhenFiltersLeaveNothing_SaysSoAndOffersToClearThem()
    {
        var cleared = 0;
        var cut = Render<AlertsEmptyState>(p => p
            .Add(c => c.View, AlertView.Active)
            .Add(c => c.Severity, Severity.Critical)
            .Add(c => c.Bot, "no-such-bot")
            .Add(c => c.OnClearFilters, () => cleared++));

        Assert.Contains("No alerts match these filters", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("There are no active alerts of severity Critical for bot “no-such-bot”. Clear the filters to see every active alert.",
            cut.Find("[data-testid=alerts-no-match]").TextContent);
        Assert.DoesNotContain("No active alerts", cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-testid=clear-filters]").Click();

        Assert.Equal(1, cleared);
    }

    [Theory]
    [InlineData(AlertView.Active, "No active alerts")]
    [InlineData(AlertView.Acknowledged, "No acknowledged alerts")]
    [InlineData(AlertView.All, "No alerts yet")]
    public void AlertsEmptyState_WithoutFilters_DescribesTheViewWithNothingToClear(AlertView view, string title)
    {
        var cut = Render<AlertsEmptyState>(p => p.Add(c => c.View, view));

        Assert.Contains(title, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=clear-filters]"));
    }
}
