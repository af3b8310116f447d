using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Usage;

namespace BudgetHub.Web.Tests.Features;

public sealed class UsageBreakdownTests : MudBunitContext
{
    private static UsageSummary SummaryOf(params UsageGroup[] groups) => new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), Granularity.Day,
        groups.Aggregate(UsageAmounts.Zero, (total, g) => total + g.Amounts), 0, groups, []);

    [Fact]
    public void TheEventsThatNameNoModel_AreARowSaidInWords_ThatCannotBeSelected()
    {
        var amounts = new UsageAmounts(500, 1, 0, 2_000_000, 1, 0);

        var cut = Render<UsageBreakdown>(p => p.Add(c => c.Summary, SummaryOf(new UsageGroup("gpt-4o", amounts, 0), new UsageGroup(UsageGroup.NoneKey, amounts, 0)))
            .Add(c => c.ItemLabel, "Model").Add(c => c.GroupLabel, "Models"));

        var names = cut.FindAll("[data-testid=breakdown-name]").Select(n => n.TextContent.Trim()).ToList();
        Assert.Equal(["gpt-4o", "No model"], names);
        Assert.Single(cut.FindAll("[data-testid=breakdown-table] button.bh-link-button"));
    }

    [Fact]
    public void ASearchThatMatchesNothing_SaysSo()
    {
        var cut = Render<UsageBreakdown>(p => p.Add(c => c.Summary, SummaryOf(new UsageGroup("gpt-4o", new UsageAmounts(1, 1, 0, 1, 1, 0), 0)))
            .Add(c => c.GroupLabel, "Models").Add(c => c.SearchText, "claude"));

        Assert.Equal("No models match “claude”.", cut.Find("[data-testid=breakdown-no-match]").TextContent);
    }

    [Fact]
    public void CompactTokenCounts_GiveTheExactCountOnHover()
    {
        var cut = Render<UsageBreakdown>(p => p.Add(c => c.Summary, SummaryOf(new UsageGroup("gpt-4o", new UsageAmounts(296_069, 1, 0, 1, 1, 0), 0)))
            .Add(c => c.GroupLabel, "Models"));

        var tokens = cut.Find("td[data-label=Tokens]");
        Assert.Equal("296.1K", tokens.TextContent.Trim());
        Assert.Equal("296,069", tokens.GetAttribute("title"));
    }

    [Fact]
    public void PastEightGroups_TheRingHasAnOtherSlice_SoEverySliceIsAShareOfTheWhole()
    {
        var groups = Enumerable.Range(1, 10).Select(i => new UsageGroup($"bot-{i}", new UsageAmounts(1, 1, 0, (11 - i) * 1_000_000L, 1, 0), 0)).ToArray();

        var cut = Render<UsageBreakdown>(p => p.Add(c => c.Summary, SummaryOf(groups)).Add(c => c.GroupLabel, "Bots"));

        var chart = cut.FindComponent<MudBlazor.MudChart<double>>().Instance;
        Assert.Equal(8, chart.ChartLabels.Length);
        Assert.Equal("Other (3)", chart.ChartLabels[^1]);
        Assert.Equal(6d, chart.ChartSeries[0].Data.Values[^1]);
        Assert.Equal(55d, chart.ChartSeries[0].Data.Values.Sum());
    }
}
