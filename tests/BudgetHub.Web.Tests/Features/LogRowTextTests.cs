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
}
