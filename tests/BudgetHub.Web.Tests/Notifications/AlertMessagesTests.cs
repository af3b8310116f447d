using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Notifications;

namespace BudgetHub.Web.Tests.Notifications;

public sealed class AlertMessagesTests
{
    [Theory]
    [InlineData("day", "$0.80 of $1.00 (80%) today")]
    [InlineData("month", "$0.80 of $1.00 (80%) this month")]
    [InlineData("PT30M", "$0.80 of $1.00 (80%) in the last 30 min")]
    public void AnAlertEmail_SaysItsWindowInWords(string window, string usage)
    {
        var alert = new AlertRecord
        {
            PolicyName = "Support cost", ScopeType = ScopeType.Bot, ScopeKey = "support-bot", Metric = "cost", Window = window,
            WindowEnd = new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), Threshold = 80, Value = 800_000, Limit = 1_000_000,
        };

        var text = AlertMessages.For(alert, "Acme", "https://budgethub.example", TimeZoneInfo.Utc);

        Assert.Contains("Usage:    " + usage, text.Text, StringComparison.Ordinal);
        Assert.Contains(usage.Replace("$0.80", "<b>$0.80</b>", StringComparison.Ordinal), text.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrganizationWideAlert_ReadsWholeOrganization_InItsEmailAndItsDigestLine()
    {
        var alert = new AlertRecord
        {
            PolicyName = "Monthly AI budget", ScopeType = ScopeType.Account, ScopeKey = "", Metric = "cost", Window = "month",
            WindowEnd = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), Threshold = 80, Value = 800_000, Limit = 1_000_000,
            CreatedAt = new DateTime(2026, 11, 24, 9, 15, 0, DateTimeKind.Utc),
        };

        var text = AlertMessages.For(alert, "Acme", "https://budgethub.example", TimeZoneInfo.Utc);

        Assert.Contains("Scope:    whole organization", text.Text, StringComparison.Ordinal);
        Assert.Contains(">Scope</td><td>whole organization</td>", text.Html, StringComparison.Ordinal);
        Assert.EndsWith(", whole organization, 2026-11-24 09:15", AlertMessages.Line(alert, TimeZoneInfo.Utc), StringComparison.Ordinal);
    }

    [Fact]
    public void AForecastEmail_CallsItsNumberAProjection_NotTheUsage()
    {
        var alert = new AlertRecord
        {
            PolicyName = "Support team monthly spend", Kind = AlertKind.Forecast, ScopeType = ScopeType.Team, ScopeKey = "support", Metric = "cost",
            Window = "month", WindowEnd = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), Threshold = 100, Value = 1_243_000, Limit = 1_000_000,
        };

        var text = AlertMessages.For(alert, "Acme", "https://budgethub.example", TimeZoneInfo.Utc);

        Assert.Equal("[BudgetHub] Forecast: Support team monthly spend projected at 124.3% ($1.24 of $1.00)", text.Subject);
        Assert.Contains("Projected: $1.24 of $1.00 (124.3%) when the period ends", text.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", text.Text, StringComparison.Ordinal);
        Assert.Contains(">Projected</td><td><b>$1.24</b> of $1.00 (124.3%) when the period ends", text.Html, StringComparison.Ordinal);
    }
}
