using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Domain.Tests.Enforcement;

public sealed class PolicyEvaluationTests
{
    private static readonly WindowBounds Today = new(new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

    private static PolicyEvaluation Evaluate(long value, long limit = 10_000, int[]? thresholds = null) =>
        new(Policies.Make(ScopeType.Bot, "b", limit: limit, thresholds: thresholds ?? [50, 75, 90]), new ScopeInstance(ScopeType.Bot, "b"), value, Today, Today.End);

    [Fact]
    public void Percent_IsRoundedToOneDecimal()
    {
        Assert.Equal(102.4m, Evaluate(10_240).Percent);
    }

    [Fact]
    public void ThresholdsReached_IncludesEveryCrossedPercentageAndTheLimit()
    {
        Assert.Equal([50, 75], Evaluate(7_500).ThresholdsReached());
        Assert.Equal([50, 75, 90, 100], Evaluate(10_000).ThresholdsReached());
        Assert.Empty(Evaluate(4_999).ThresholdsReached());
    }

    [Theory]
    [InlineData(4_999, 0)]
    [InlineData(5_000, 50)]
    [InlineData(8_999, 75)]
    [InlineData(9_999, 90)]
    [InlineData(10_000, 100)]
    [InlineData(50_000, 100)]
    public void HighestThresholdReached_IsTheLastOfThresholdsReached(long value, int expected)
    {
        Assert.Equal(expected, Evaluate(value, thresholds: [90, 50, 75]).HighestThresholdReached());
        Assert.Equal(Evaluate(value).ThresholdsReached().DefaultIfEmpty(0).Last(), Evaluate(value).HighestThresholdReached());
    }

    [Theory]
    [InlineData(long.MaxValue, long.MaxValue, 100)]
    [InlineData(long.MaxValue - 1, long.MaxValue, 90)]
    [InlineData(long.MaxValue / 2 + 1, long.MaxValue, 50)]
    [InlineData(long.MaxValue / 2, long.MaxValue, 0)]
    [InlineData(long.MaxValue / 100 / 2, long.MaxValue / 100, 50)]
    [InlineData(long.MaxValue / 100 / 2 - 1, long.MaxValue / 100, 0)]
    [InlineData(long.MaxValue / 100 + 1, long.MaxValue / 100, 100)]
    [InlineData(long.MaxValue / 100, long.MaxValue / 100 + 1, 90)]
    public void HighestThresholdReached_IsExact_AtTheLargestCounts(long value, long limit, int expected)
    {
        Assert.Equal(expected, Evaluate(value, limit).HighestThresholdReached());
    }

    [Fact]
    public void HighestThresholdReached_ForAZeroLimit_IsZero()
    {
        Assert.Equal(0, Evaluate(1_000_000, limit: 0).HighestThresholdReached());
    }

    [Fact]
    public void ThresholdsReached_ForAZeroLimit_IsNothing()
    {
        Assert.Empty(Evaluate(1_000_000, limit: 0).ThresholdsReached());
    }

    [Fact]
    public void BurnRate_ProjectsTheEndOfTheWindowAndWhenTheLimitIsReached()
    {
        var sixAm = Today.Start.AddHours(6);

        var rate = BurnRate.Of(value: 3_000, limit: 10_000, Today, sixAm)!;

        Assert.Equal(500m, rate.PerHour);
        Assert.Equal(12_000, rate.ProjectedAtEnd);
        Assert.Equal(Today.Start.AddHours(20), rate.ReachesLimitAt);
        Assert.True(rate.ExceedsBeforeEnd);
    }

    [Fact]
    public void BurnRate_TooEarlyInTheWindow_SaysNothing()
    {
        Assert.Null(BurnRate.Of(100, 1000, Today, Today.Start.AddMinutes(10)));
    }

    [Fact]
    public void BurnRate_OnPaceToStayUnder_ReachesNothing()
    {
        var rate = BurnRate.Of(value: 1_000, limit: 10_000, Today, Today.Start.AddHours(12))!;

        Assert.Null(rate.ReachesLimitAt);
        Assert.Equal(2_000, rate.ProjectedAtEnd);
    }
}
