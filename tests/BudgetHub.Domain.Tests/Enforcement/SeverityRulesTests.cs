using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Domain.Tests.Enforcement;

/// <summary>The one rule behind a budget's bar colour and its alerts' severity, at the edges of every threshold.</summary>
public sealed class SeverityRulesTests
{
    private static Severity? Of(long value, int[] thresholds, PolicyAction action = PolicyAction.Warn, bool enabled = true) =>
        SeverityRules.Of(Policies.Make(ScopeType.Bot, "b", limit: 1_000, action: action, thresholds: thresholds, enabled: enabled), value);

    [Theory]
    [InlineData(50, Severity.Info)]
    [InlineData(79, Severity.Info)]
    [InlineData(80, Severity.Warning)]
    [InlineData(94, Severity.Warning)]
    [InlineData(95, Severity.Critical)]
    [InlineData(100, Severity.Exceeded)]
    public void ForThreshold_IsInfoThenWarningAt80_CriticalAt95_ExceededAt100(int threshold, Severity expected)
    {
        Assert.Equal(expected, SeverityRules.ForThreshold(threshold));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(499, null)]
    [InlineData(500, Severity.Info)]
    [InlineData(501, Severity.Info)]
    [InlineData(799, Severity.Info)]
    [InlineData(800, Severity.Warning)]
    [InlineData(801, Severity.Warning)]
    [InlineData(949, Severity.Warning)]
    [InlineData(950, Severity.Critical)]
    [InlineData(951, Severity.Critical)]
    [InlineData(999, Severity.Critical)]
    [InlineData(1_000, Severity.Exceeded)]
    [InlineData(1_001, Severity.Exceeded)]
    public void Of_IsTheSeverityOfTheHighestThresholdReached(long value, Severity? expected)
    {
        Assert.Equal(expected, Of(value, [50, 80, 95]));
    }

    [Theory]
    [InlineData(899, Severity.Info)]
    [InlineData(900, Severity.Warning)]
    [InlineData(960, Severity.Warning)]
    [InlineData(999, Severity.Warning)]
    [InlineData(1_000, Severity.Exceeded)]
    public void Of_DoesNotTurnCriticalAt95_WhenNoThresholdIsThere(long value, Severity? expected)
    {
        // The alert the budget raised at 90% is a warning, and nothing else is raised before 100%.
        Assert.Equal(expected, Of(value, [50, 75, 90]));
    }

    [Theory]
    [InlineData(799, null)]
    [InlineData(800, Severity.Warning)]
    [InlineData(999, Severity.Warning)]
    [InlineData(1_000, Severity.Exceeded)]
    public void Of_StartsAtTheFirstThreshold_ThoughItIsAboveInfo(long value, Severity? expected)
    {
        Assert.Equal(expected, Of(value, [80]));
    }

    [Theory]
    [InlineData(999, null)]
    [InlineData(1_000, Severity.Exceeded)]
    public void Of_WithoutThresholds_IsExceededAtTheLimitOnly(long value, Severity? expected)
    {
        Assert.Equal(expected, Of(value, []));
    }

    [Theory]
    [InlineData(PolicyAction.Block)]
    [InlineData(PolicyAction.Warn)]
    [InlineData(PolicyAction.DryRun)]
    public void Of_HardAndSoftLimitsAlike_AreCriticalJustBelowTheLimitAndExceededAtIt(PolicyAction action)
    {
        Assert.Equal(Severity.Critical, Of(999, [95], action));
        Assert.Equal(Severity.Exceeded, Of(1_000, [95], action));
        Assert.Equal(Severity.Exceeded, Of(5_000, [95], action));
    }

    [Fact]
    public void Of_IsExact_WhereThePercentShownWouldRoundUp()
    {
        // 94.96% shows as 95.0%, yet the 95% alert has not been raised.
        var policy = Policies.Make(ScopeType.Bot, "b", limit: 100_000, thresholds: [80, 95]);

        Assert.Equal(Severity.Warning, SeverityRules.Of(policy, 94_960));
        Assert.Equal(Severity.Critical, SeverityRules.Of(policy, 95_000));
    }

    [Fact]
    public void Of_WithoutALimit_IsNothing()
    {
        Assert.Null(SeverityRules.Of(Policies.Make(ScopeType.Bot, "b", limit: 0), 1_000_000));
    }

    [Fact]
    public void Of_ADisabledPolicy_IsWhereItWouldStand()
    {
        Assert.Equal(Severity.Exceeded, Of(1_200, [80], enabled: false));
    }

    [Fact]
    public void Of_AgreesWithTheThresholdsTheEvaluationReached()
    {
        var policy = Policies.Make(ScopeType.Bot, "b", limit: 1_000, thresholds: [30, 80, 97]);
        for (var value = 0; value <= 1_100; value++)
        {
            var reached = PolicyEvaluation.HighestThresholdReached(policy, value);
            Assert.Equal(reached == 0 ? null : SeverityRules.ForThreshold(reached), SeverityRules.Of(policy, value));
        }
    }
}
