using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Features.Usage;

namespace BudgetHub.Web.Tests.Features;

/// <summary>Bot ids, teams and user ids of 100+ characters are cut with an ellipsis, the whole name in the tooltip.</summary>
public sealed class LongNameTests : MudBunitContext
{
    private static readonly string LongBot = "CustomerSupportEscalationAssistantForEnterpriseAccountsInTheEuropeMiddleEastAndAfricaRegionVersionTwoProductionInstance1";

    [Fact]
    public void UsageBreakdown_ALongName_IsCutWithTheWholeNameAsItsTooltip()
    {
        var amounts = new UsageAmounts(1_000, 1, 1, 10_000, 1, 0);
        var summary = new UsageSummary(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), Granularity.Day, amounts, 0,
            [new UsageGroup(LongBot, amounts, 0)], []);

        var cut = Render<UsageBreakdown>(p => p.Add(c => c.Summary, summary));

        var name = cut.Find("[data-testid=breakdown-table] [data-testid=breakdown-name]");
        Assert.Contains("bh-truncate", name.ClassList);
        Assert.Equal(LongBot, name.GetAttribute("title"));
        Assert.Equal(LongBot, name.TextContent);
    }

    [Fact]
    public void Shorten_CutsOnlyNamesLongerThanTheLimit()
    {
        Assert.Equal("support-bot", Format.Shorten("support-bot"));
        Assert.Equal(24, Format.Shorten(LongBot).Length);
        Assert.EndsWith("…", Format.Shorten(LongBot), StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyScopeLabel_ALongBotId_IsCutWithTheWholeIdAsItsTooltip()
    {
        var cut = Render<PolicyScopeLabel>(p => p.Add(c => c.Type, ScopeType.Bot).Add(c => c.Key, LongBot));

        var name = cut.Find(".bh-truncate");
        Assert.Equal(LongBot, name.GetAttribute("title"));
        Assert.StartsWith("Bot", cut.Find(".bh-scope").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void PageHeader_WhenTruncated_KeepsTheTitleOnOneLineWithItAsTheTooltip()
    {
        var cut = Render<PageHeader>(p => p.Add(c => c.Title, LongBot).Add(c => c.Subtitle, "Team x · updates live").Add(c => c.Truncate, true));

        var h1 = cut.Find("h1");
        Assert.Contains("bh-truncate-line", h1.ClassList);
        Assert.Equal(LongBot, h1.GetAttribute("title"));
    }

    [Fact]
    public void PageHeader_ByDefault_WrapsItsTitle()
    {
        var cut = Render<PageHeader>(p => p.Add(c => c.Title, "Usage"));

        Assert.DoesNotContain("bh-truncate-line", cut.Find("h1").ClassList);
    }
}
