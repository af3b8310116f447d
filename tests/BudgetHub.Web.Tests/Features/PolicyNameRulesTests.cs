using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Features.Bots;

namespace BudgetHub.Web.Tests.Features;

public sealed class PolicyNameRulesTests
{
    [Theory]
    [InlineData("Support cap", " support CAP ", true)]
    [InlineData("Support cap", "Support caps", false)]
    public void Same_IgnoresCaseAndSurroundingSpaces(string a, string b, bool same) => Assert.Equal(same, PolicyNames.Same(a, b));

    [Fact]
    public void Free_KeepsAFreeName_AndNumbersATakenOne()
    {
        Assert.Equal("Keep 30 days", PolicyNames.Free("Keep 30 days", ["Other"]));
        Assert.Equal("Keep 30 days (2)", PolicyNames.Free("Keep 30 days", ["keep 30 DAYS"]));
        Assert.Equal("Keep 30 days (3)", PolicyNames.Free("Keep 30 days", ["Keep 30 days", "Keep 30 days (2)"]));
    }

    [Fact]
    public void Free_StaysWithinTheLongestName()
    {
        var longName = new string('x', PolicyNames.MaxLength);

        var free = PolicyNames.Free(longName, [longName]);

        Assert.Equal(PolicyNames.MaxLength, free.Length);
        Assert.EndsWith(" (2)", free, StringComparison.Ordinal);
    }

    [Fact]
    public void ABotCap_IsFoundWhateverItsName()
    {
        var cap = BotCap.All.Single(c => c.Metric == Metric.Cost && c.Unit == "day");
        PolicyRecord Policy(string name) => new()
        {
            Name = name, Kind = PolicyKind.Usage, ScopeType = ScopeType.Bot, ScopeKey = "cap-bot", Metric = Metric.Cost, WindowUnit = "day",
            Action = PolicyAction.Block, Enabled = true,
        };

        Assert.NotNull(cap.Find("cap-bot", [Policy("cap-bot · daily cost cap (2)")]));
        Assert.NotNull(cap.Find("cap-bot", [Policy("cap-bot · daily cost cap")]));
        Assert.NotNull(cap.Find("cap-bot", [Policy("Writer daily cap")]));
    }
}
