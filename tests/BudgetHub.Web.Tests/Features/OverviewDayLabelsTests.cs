using BudgetHub.Web.Features.Overview;

namespace BudgetHub.Web.Tests.Features;

public sealed class OverviewDayLabelsTests
{
    [Fact]
    public void FourteenDays_LabelTodayAndEveryThirdDayBefore_FiveLabelsInAll()
    {
        var days = Enumerable.Range(0, 14).Select(i => new DateTimeOffset(2026, 11, 10 + i, 0, 0, 0, TimeSpan.Zero)).ToList();

        var labels = OverviewPage.DayLabels(days, TimeZoneInfo.Utc);

        Assert.Equal(["Nov 11", "Nov 14", "Nov 17", "Nov 20", "Nov 23"], labels.Where(l => l.Length > 0));
        Assert.Equal("Nov 23", labels[^1]);
    }
}
