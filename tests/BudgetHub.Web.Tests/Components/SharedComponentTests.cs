using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using MudBlazor;
using Severity = BudgetHub.Domain.Enforcement.Severity;

namespace BudgetHub.Web.Tests.Components;

public sealed class SharedComponentTests : MudBunitContext
{
    [Fact]
    public void EmptyState_ShowsItsTitleAndExplanation()
    {
        var cut = Render<EmptyState>(p => p
            .Add(c => c.Icon, Icons.Material.Outlined.Inbox)
            .Add(c => c.Title, "No budgets yet")
            .AddChildContent("Create one to get alerts."));

        Assert.Contains("No budgets yet", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Create one to get alerts.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void BotStatusChip_ShowsTheEndOfALongPause_InTheAccountsTimeZone()
    {
        var until = new DateTimeOffset(2099, 1, 15, 14, 0, 0, TimeSpan.Zero);
        var status = new BudgetHub.Infrastructure.Enforcement.BotStatus(true, until, "Paused by hand", null, ManualPause: true, ResumeLifts: true);

        var cut = Render<BudgetHub.Web.Features.Bots.BotStatusChip>(p => p
            .Add(c => c.Status, status)
            .Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));

        Assert.Equal("Paused · Thu 15 Jan, 19:30 Asia/Kolkata", cut.Find("[data-testid=bot-status]").TextContent.Trim());
    }

    [Theory]
    [InlineData(30, "30 min left")]
    [InlineData(990, "16.5 h left")]
    [InlineData(0, "ending")]
    public void APauseEndingWithinADay_ShowsTheTimeLeft_NotAnAmbiguousIn(int minutes, string expected)
    {
        var now = new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, Format.Left(now.AddMinutes(minutes), now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void PageHeader_RendersTheTitleAsTheOnlyH1()
    {
        var cut = Render<PageHeader>(p => p.Add(c => c.Title, "Usage").Add(c => c.Subtitle, "Live"));

        Assert.Equal("Usage", cut.Find("h1").TextContent);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void StatCard_IsRedOnlyWhenItSignalsTrouble(bool alarm, bool red)
    {
        var cut = Render<StatCard>(p => p.Add(c => c.Label, "Errors today").Add(c => c.Value, "3").Add(c => c.Alarm, alarm).Add(c => c.TestId, "errors"));

        Assert.Equal(red, cut.Find("[data-testid=errors-value]").ClassList.Contains("mud-error-text"));
    }

    [Fact]
    public void UsageStatCards_ShowTheSixNumbersOfTheDayAndMonth()
    {
        var usage = new UsageSnapshot(new UsageAmounts(1_500, 3, 2, 12_340_000, 3, 1), new UsageAmounts(2_500_000, 9, 5, 99_990_000, 9, 1));

        var cut = Render<UsageStatCards>(p => p.Add(c => c.Usage, usage));

        Assert.Equal("$12.34", cut.Find("[data-testid=cost-today-value]").TextContent);
        Assert.Equal("$99.99", cut.Find("[data-testid=cost-month-value]").TextContent);
        Assert.Equal("1,500", cut.Find("[data-testid=tokens-today-value]").TextContent);
        Assert.Equal("2.5M", cut.Find("[data-testid=tokens-month-value]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=conversations-today-value]").TextContent);
        Assert.Contains("mud-error-text", cut.Find("[data-testid=errors-today-value]").ClassName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, Color.Success)]
    [InlineData(Severity.Info, Color.Info)]
    [InlineData(Severity.Warning, Color.Warning)]
    [InlineData(Severity.Critical, Color.Error)]
    [InlineData(Severity.Exceeded, Color.Error)]
    public void LimitProgress_IsInTheColourOfItsSeverity(Severity? severity, Color expected)
    {
        var cut = Render<LimitProgress>(p => p.Add(c => c.Percent, 50m).Add(c => c.ValueText, "$5.00").Add(c => c.LimitText, "$10.00").Add(c => c.Severity, severity));

        Assert.Contains($"mud-progress-linear-color-{expected.ToString().ToLowerInvariant()}", cut.Find(".mud-progress-linear").ClassName, StringComparison.Ordinal);
        Assert.Equal(expected, SeverityColor.Of(severity));
    }

    [Fact]
    public void LimitProgress_ShowsValueLimitAndPercent()
    {
        var cut = Render<LimitProgress>(p => p.Add(c => c.Percent, 84.5m).Add(c => c.ValueText, "$845.00").Add(c => c.LimitText, "$1,000.00").Add(c => c.Severity, Severity.Warning));

        Assert.Contains("$845.00", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("84.5%", cut.Find("[data-testid=limit-percent]").TextContent);
    }

    [Theory]
    [InlineData(30, "just now")]
    [InlineData(300, "5 min ago")]
    [InlineData(7200, "2 h ago")]
    [InlineData(172800, "2 days ago")]
    public void RelativeTime_DescribesAges(int secondsAgo, string expected)
    {
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(expected, RelativeTime.Describe(now.AddSeconds(-secondsAgo), now));
    }

    [Theory]
    [InlineData(0, "$0.00")]
    [InlineData(1234, "$0.0012")]
    [InlineData(8000, "$0.008")]
    [InlineData(32, "$0.000032")]
    [InlineData(1, "$0.000001")]
    [InlineData(9999, "$0.01")]
    [InlineData(12_345_678, "$12.35")]
    public void Format_Usd_ShowsCentsOrFractionsOfACent(long micros, string expected)
    {
        Assert.Equal(expected, Format.Usd(micros));
        // Emails, block reasons and ingestion results write amounts the same way.
        Assert.Equal(expected, BudgetHub.Infrastructure.Notifications.AlertMessages.Amount(BudgetHub.Domain.Usage.Metric.Cost, micros));
    }

    [Theory]
    [InlineData(Metric.Cost, 46_200, 50_000, "$0.046")]
    [InlineData(Metric.Tokens, 399_950, 400_000, "399,950 tokens")]
    [InlineData(Metric.Tokens, 19_100, 400_000, "19.1K tokens")]
    [InlineData(Metric.Tokens, 400_000, 400_000, "400K tokens")]
    [InlineData(Metric.Calls, 1, 1, "1 call")]
    public void Format_MetricBesideItsLimit_NeverReadsAsTheLimitWhileUnder(Metric metric, long value, long limit, string expected)
    {
        Assert.Equal(expected, Format.Metric(metric, value, limit));
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "50%" }, "50%")]
    [InlineData(new[] { "50%", "75%" }, "50% and 75%")]
    [InlineData(new[] { "50%", "75%", "90%" }, "50%, 75% and 90%")]
    public void Format_List_JoinsAsASentenceDoes(string[] items, string expected)
    {
        Assert.Equal(expected, Format.List(items));
    }

    [Fact]
    public void ChartAxis_SmallAmounts_AreChartedInCents_ButLabelledInDollars()
    {
        var (options, values) = ChartAxis.Dollars([0.05, 0.9]);

        Assert.Equal([5, 90], values);
        Assert.Equal("$0.20", options.YAxisToStringFunc!(20));
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(3, 5)]
    [InlineData(17, 20)]
    [InlineData(4200, 5000)]
    public void ChartAxis_PicksRoundTicks(double rough, double step)
    {
        Assert.Equal(step, ChartAxis.NiceStep(rough));
    }

    [Fact]
    public void ChartAxis_Thin_SevenDaysOnAPhone_LabelsEveryOtherDayFromTheFirst()
    {
        string[] days = ["Nov 18", "Nov 19", "Nov 20", "Nov 21", "Nov 22", "Nov 23", "Nov 24"];

        var labels = ChartAxis.Thin(days, ChartAxis.MaxTimeLabels(Breakpoint.Xs));

        Assert.Equal(["Nov 18", "", "Nov 20", "", "Nov 22", "", "Nov 24"], labels);
    }

    [Theory]
    [InlineData(Breakpoint.Xs, 24, 5)]
    [InlineData(Breakpoint.Xs, 31, 5)]
    [InlineData(Breakpoint.Sm, 30, 8)]
    [InlineData(Breakpoint.Lg, 30, 10)]
    [InlineData(Breakpoint.Always, 7, 7)]
    public void ChartAxis_Thin_ShowsNoMoreLabelsThanFitTheBreakpoint(Breakpoint breakpoint, int bars, int shown)
    {
        var labels = ChartAxis.Thin(Enumerable.Range(0, bars).Select(i => $"{i:00}:00").ToList(), ChartAxis.MaxTimeLabels(breakpoint));

        Assert.Equal(bars, labels.Length);
        Assert.Equal(shown, labels.Count(l => l.Length > 0));
        Assert.Equal("00:00", labels[0]);
    }
}
