using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Tests.Features;

public sealed class AlreadyExceededTests
{
    private static readonly WindowSpec Day = WindowSpec.Calendar(CalendarUnit.Day);

    [Fact]
    public void Warning_WhenTodaysCostIsAboveTheLimit_SaysWhatItIsAndWhoIsBlocked()
    {
        var text = AlreadyExceeded.Warning(730_000, 500_000, Metric.Cost, Day, AlreadyExceeded.Consequence(ScopeType.Bot, "research-agent"));

        Assert.Equal("Usage today is already $0.73, above this $0.50 limit: saving blocks bot research-agent.", text);
    }

    [Fact]
    public void Warning_AtExactlyTheLimit_SaysSo() =>
        Assert.Contains("already at this $0.50 limit", AlreadyExceeded.Warning(500_000, 500_000, Metric.Cost, Day, "x"), StringComparison.Ordinal);

    [Theory]
    [InlineData(499_999L, 500_000L)]
    [InlineData(730_000L, 0L)]
    [InlineData(null, 500_000L)]
    public void Warning_IsNone_BelowTheLimit_WithoutALimit_OrWithoutAKnownValue(long? current, long limit) =>
        Assert.Null(AlreadyExceeded.Warning(current, limit, Metric.Cost, Day, "x"));

    [Fact]
    public void Warning_InARollingWindow_NamesTheWindow() =>
        Assert.StartsWith("Usage in the last 30 min is already 1,500 tokens", AlreadyExceeded.Warning(1_500, 1_000, Metric.Tokens, WindowSpec.RollingFor(TimeSpan.FromMinutes(30)), "x"),
            StringComparison.Ordinal);

    [Theory]
    [InlineData(ScopeType.Account, "", "every bot of the organization")]
    [InlineData(ScopeType.Team, "support", "team support")]
    [InlineData(ScopeType.User, "u_42", "saving blocks user u_42 on every bot")]
    public void Consequence_SaysWhatTheBlockCovers(ScopeType scope, string key, string expected) =>
        Assert.Contains(expected, AlreadyExceeded.Consequence(scope, key), StringComparison.Ordinal);
}
