using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Web.Features.Enforcement;

namespace BudgetHub.Web.Tests.Features;

public sealed class LogRowTextTests
{
    [Theory]
    [InlineData("research-agent", "research-agent · daily cost cap", "daily cost cap")]
    [InlineData("research-agent", "Account monthly cap", "Account monthly cap")]
    [InlineData("research", "research-agent · daily cost cap", "research-agent · daily cost cap")]
    [InlineData("support", "support · ", "support · ")]
    public void PolicyBesideBot_LeavesOutTheBotsNameOnlyWhereThePolicyIsNamedAfterIt(string bot, string policy, string expected) =>
        Assert.Equal(expected, LogRowText.PolicyBesideBot(bot, policy));

    private static EnforcementLogRow Pause(string by, string reason, DateTime? until) =>
        new() { Action = LogRowText.Blocked, BotKey = "support", PolicyName = reason, PausedBy = by, PausedUntil = until };

    [Theory]
    [InlineData("Paused by ann@example.com: Runaway loop", "by ann@example.com — Runaway loop")]
    [InlineData("Paused by ann@example.com", "by ann@example.com")]
    public void APauseRow_SaysWhoPausedAndWhy(string reason, string expected)
    {
        var row = Pause("ann@example.com", reason, null);

        Assert.True(LogRowText.IsManualPause(row));
        Assert.Equal(expected, LogRowText.PauseDetail(row));
    }

    [Fact]
    public void APauseRow_SaysUntilWhen_InTheAccountsZone_OrUntilResumed()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var timed = Pause("ann@example.com", "Paused by ann@example.com", new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc));

        Assert.Equal("Until Tue 24 Nov, 15:30 Europe/Paris", LogRowText.PauseEnd(timed, paris));
        Assert.Equal("Until resumed", LogRowText.PauseEnd(Pause("ann@example.com", "Paused by ann@example.com", null), paris));
    }

    [Fact]
    public void APolicyRow_IsNoPause()
    {
        var row = new EnforcementLogRow { Action = LogRowText.Blocked, PolicyId = 3, Metric = "tokens", Window = "day", PolicyName = "Daily tokens" };

        Assert.False(LogRowText.IsManualPause(row));
    }

    [Fact]
    public void ADryRunRow_ReadsLogOnly_AndSaysTheCallWentThrough()
    {
        Assert.Equal("Log only", LogRowText.Action(LogRowText.DryRun));
        Assert.Equal("The call went through: a log-only (dry run) budget never warns or blocks.", LogRowText.ActionHint(LogRowText.DryRun));
    }
}
