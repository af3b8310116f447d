using BudgetHub.Domain.Budgets;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Tests.Features;

/// <summary>A policy's filter reads the same on the Budgets page and in the Why? explanation; its action in a finance lead's words.</summary>
public sealed class PolicyTextTests
{
    [Theory]
    [InlineData("gpt-4o", null, " · gpt-4o only")]
    [InlineData(null, "chat", " · chat only")]
    [InlineData("gpt-4o", "chat", " · gpt-4o / chat only")]
    [InlineData(null, null, "")]
    public void AFilter_SaysWhatItCounts(string? model, string? category, string expected) =>
        Assert.Equal(expected, PolicyText.Filter(new PolicyFilter(model, category)));

    [Fact]
    public void ADryRun_ReadsLogOnly_AndSaysItNeverWarnsOrBlocks()
    {
        Assert.Equal("Log only", PolicyText.Action(PolicyAction.DryRun));
        Assert.Contains("never warned or blocked", PolicyText.ActionHint(PolicyAction.DryRun), StringComparison.Ordinal);
    }
}
